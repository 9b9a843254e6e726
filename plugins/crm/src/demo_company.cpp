// SPDX-License-Identifier: Apache-2.0
#include "demo_company.hpp"

#include "catalog_seed.hpp"
#include "deal_service.hpp"
#include "record_query.hpp"
#include "task_service.hpp"

#include <vector>

namespace orbita::plugins::crm {

namespace {

struct DemoClient {
    const char* last_name;
    const char* first_name;
    const char* middle_name;
    const char* phone;
    const char* email;
};

const std::vector<DemoClient> kClients = {
    {"Иванов", "Сергей", "Петрович", "+7 (916) 123-45-67", "s.ivanov@example.ru"},
    {"Смирнова", "Анна", "Викторовна", "8 903 765 43 21", "anna.smirnova@example.ru"},
    {"Кузнецов", "Дмитрий", "Алексеевич", "8(495)987-65-43", "d.kuznetsov@example.ru"},
    {"Попова", "Елена", "Игоревна", "+79261112233", "popova.e@example.ru"},
    {"Васильев", "Андрей", "Николаевич", "9057778899", "vasiliev@example.ru"},
    {"Соколова", "Мария", "Дмитриевна", "+7 812 334-55-66", "m.sokolova@example.ru"},
};

// name, INN, own company?
const std::vector<std::tuple<const char*, const char*, bool>> kOrganizations = {
    {"ООО «Орбита Недвижимость»", "7707083893", true},
    {"АО «Северный ветер»", "7736207543", false},
    {"ООО «Техностиль»", "7710140679", false},
};

// title, client index, funnel, stage, amount (roubles)
const std::vector<std::tuple<const char*, int, const char*, const char*, int>> kDeals = {
    {"Квартира на Профсоюзной", 0, "sales", "new", 12500000},
    {"Офис 120 м² в аренду", 1, "sales", "in_work", 450000},
    {"Склад в Подольске", 2, "sales", "closing", 31000000},
    {"Ипотека: двушка в Химках", 3, "mortgage", "documents", 9800000},
    {"Ипотека: студия у метро", 4, "mortgage", "bank_review", 6200000},
    {"Загородный дом", 5, "mortgage", "approved", 18000000},
};

sdk::Result<nlohmann::json> created(sdk::Response answer) {
    if (answer.status >= 300) return sdk::fail(answer.body.value("code", "demo"), answer.body.value("detail", "demo data failed"), answer.status);
    return answer.body;
}

}  // namespace

sdk::Result<void> install_demo_company(sdk::Records& records, const FunnelService& funnels, const ClientService& clients) {
    auto done_before = find_one(records, "organization", {{"filter[inn]", std::get<1>(kOrganizations[0])}});
    if (!done_before.ok()) return done_before.error();
    if (!done_before.value().is_null()) return {};
    auto catalogs = seed_catalogs(records, funnels);
    if (!catalogs.ok()) return catalogs.error();

    std::vector<std::int64_t> organizations;
    for (const auto& [name, inn, own] : kOrganizations) {
        auto org = clients.create_organization(records, {{"name", name}, {"inn", inn}, {"is_own", own}});
        if (!org.ok()) return org.error();
        organizations.push_back(id_of(org.value()));
    }
    auto mortgage = funnels.create(records, {{"key", "mortgage"}, {"name", "Ипотека"}, {"company", organizations[0]},
                                             {"stages", {{{"key", "documents"}, {"name", "Сбор документов"}},
                                                         {{"key", "bank_review"}, {"name", "Рассмотрение в банке"}},
                                                         {{"key", "approved"}, {"name", "Одобрено"}},
                                                         {{"key", "deal_signed"}, {"name", "Сделка подписана"}}}}});
    if (!mortgage.ok()) return mortgage.error();

    std::vector<std::int64_t> client_ids;
    for (std::size_t i = 0; i < kClients.size(); ++i) {
        const auto& c = kClients[i];
        auto client = created(clients.create(records, {{"last_name", c.last_name}, {"first_name", c.first_name},
                                                       {"middle_name", c.middle_name}, {"phones", {c.phone}}, {"emails", {c.email}},
                                                       {"organization", organizations[1 + i % 2]}}));
        if (!client.ok()) return client.error();
        client_ids.push_back(id_of(client.value()));
    }
    const DealService deals;
    std::vector<std::int64_t> deal_ids;
    for (const auto& [title, client, funnel, stage, amount] : kDeals) {
        auto deal = deals.create(records, {{"title", title}, {"client", client_ids[static_cast<std::size_t>(client)]}, {"pipeline", funnel},
                                           {"stage", stage}, {"amount", {{"amount", amount}, {"currency", "RUB"}}}});
        if (!deal.ok()) return deal.error();
        deal_ids.push_back(id_of(deal.value()));
    }

    const TaskService tasks;
    auto call = tasks.create(records, {{"name", "Позвонить Иванову по квартире"}, {"priority", "high"}, {"client", client_ids[0]},
                                       {"deal", deal_ids[0]}, {"start_at", "2026-12-01T07:00:00Z"}, {"end_at", "2026-12-01T08:00:00Z"}});
    if (!call.ok()) return call.error();
    CRM_CHECK(tasks.create(records, {{"name", "Подготовить договор"}, {"deal", deal_ids[0]}, {"depends_on", {id_of(call.value())}},
                                     {"start_at", "2026-12-02T07:00:00Z"}}));
    CRM_CHECK(tasks.create(records, {{"name", "Еженедельная планёрка отдела продаж"}, {"recurrence", "weekly"},
                                     {"start_at", "2026-11-30T06:00:00Z"}, {"end_at", "2026-11-30T07:00:00Z"}}));

    for (const auto& [code, client, subject] : std::vector<std::tuple<const char*, int, const char*>>{
             {"incoming_call", 0, "Звонок: интересуется квартирой"}, {"outgoing_email", 1, "Отправлено коммерческое предложение"},
             {"visit", 2, "Показ склада"}, {"outgoing_call", 3, "Уточнение списка документов для банка"}}) {
        auto type = find_one(records, "event_type", {{"filter[code]", code}});
        if (!type.ok()) return type.error();
        CRM_CHECK(records.create("event", {{"event_type", id_of(type.value())}, {"subject", subject},
                                           {"client", client_ids[static_cast<std::size_t>(client)]}}));
    }
    return {};
}

}  // namespace orbita::plugins::crm
