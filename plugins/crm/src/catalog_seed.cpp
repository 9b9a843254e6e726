// SPDX-License-Identifier: Apache-2.0
#include "catalog_seed.hpp"

#include "record_query.hpp"

#include <tuple>
#include <vector>

namespace orbita::plugins::crm {

namespace {

// code, name, is a call (completing a call asks for the next interaction).
const std::vector<std::tuple<const char*, const char*, bool>> kEventTypes = {
    {"incoming_call", "Входящий звонок", true},
    {"outgoing_call", "Исходящий звонок", true},
    {"incoming_letter", "Входящее письмо", false},
    {"outgoing_letter", "Исходящее письмо", false},
    {"incoming_email", "Входящий e-mail", false},
    {"outgoing_email", "Исходящий e-mail", false},
    {"survey", "Опрос", false},
    {"visit", "Выезд", false},
    {"phone_on", "Включение телефона", false},
    {"phone_off", "Отключение телефона", false},
    {"missed_incoming_call", "Непринятый входящий звонок", true},
    {"missed_outgoing_call", "Непринятый исходящий звонок", true},
    {"missed_call_reply", "Ответ на непринятый звонок", true},
    {"callback", "Обратный звонок", true},
    {"call_forwarding", "Переадресация звонка", true},
    {"queue", "Очередь", false},
    {"electronic_queue", "Электронная очередь", false},
};

const std::vector<std::tuple<const char*, const char*, const char*>> kTaskStatuses = {
    {"set", "Поставлена задача", "set"},
    {"done", "Выполнена", "done"},
    {"accepted", "Принята", "accepted"},
    {"suspended", "Приостановлена", "suspended"},
};

// Creates `fields` as a record of `type` unless one with the same code exists; counts it.
sdk::Result<void> ensure_code(sdk::Records& records, const std::string& type, const nlohmann::json& fields, int& added) {
    auto existing = find_one(records, type, {{"filter[code]", fields["code"]}, {"archived", "all"}});
    if (!existing.ok()) return existing.error();
    if (!existing.value().is_null()) return {};
    CRM_CHECK(records.create(type, fields));
    ++added;
    return {};
}

}  // namespace

sdk::Result<nlohmann::json> seed_catalogs(sdk::Records& records, const FunnelService& funnels) {
    int event_types = 0, statuses = 0;
    nlohmann::json funnel;
    CRM_CHECK(records.transaction([&]() -> sdk::Result<void> {
        for (const auto& [code, name, is_call] : kEventTypes) {
            CRM_CHECK(ensure_code(records, "event_type", {{"code", code}, {"name", name}, {"is_call", is_call}, {"is_system", true}},
                                  event_types));
        }
        for (const auto& [code, name, kind] : kTaskStatuses) {
            CRM_CHECK(ensure_code(records, "task_status", {{"code", code}, {"name", name}, {"kind", kind}, {"is_system", true}},
                                  statuses));
        }
        auto made = funnels.ensure_default(records);
        if (!made.ok()) return made.error();
        funnel = made.value();
        return {};
    }));
    return nlohmann::json{{"event_types_added", event_types}, {"task_statuses_added", statuses}, {"funnel", funnel}};
}

}  // namespace orbita::plugins::crm
