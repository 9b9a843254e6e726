// SPDX-License-Identifier: Apache-2.0
#include "app/demo_data.hpp"

#include "acl/access_admin.hpp"
#include "app/kernel.hpp"
#include "auth/auth_service.hpp"
#include "auth/tokens.hpp"
#include "core/resources.hpp"
#include "entity/type_registry.hpp"
#include "records/record_repository.hpp"
#include "storage/database.hpp"
#include "storage/migrator.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace orbita::kernel {

namespace {

const char* kTicketType = "kernel/demo/types/ticket.entity.json";

const std::vector<std::pair<const char*, const char*>> kPeople = {
    {"admin", "Администратор системы"},     {"ivanov.p", "Иванов Пётр Сергеевич"},
    {"smirnova.a", "Смирнова Анна Викторовна"}, {"kuznetsov.d", "Кузнецов Дмитрий Олегович"},
    {"popova.e", "Попова Елена Андреевна"},  {"sokolov.m", "Соколов Михаил Игоревич"},
    {"lebedeva.o", "Лебедева Ольга Николаевна"}, {"novikov.a", "Новиков Алексей Павлович"},
};
const char* kSubjects[] = {"Не приходит счёт на оплату", "Вопрос по договору", "Перенос встречи",
                           "Ошибка в акте сверки", "Запрос коммерческого предложения", "Смена контактного лица",
                           "Жалоба на сроки доставки", "Консультация по ипотеке", "Запрос документов для банка",
                           "Изменение реквизитов", "Повторный звонок клиенту", "Продление подписки"};
const char* kClients[] = {"ООО «Ромашка»", "Сергеев Андрей", "ИП Белова Т. В.", "АО «СтройИнвест»",
                          "Морозова Ирина", "ООО «Северный ветер»", "Волков Николай", "ЗАО «Техносфера»",
                          "Фёдорова Мария", "ООО «Альфа-Логистик»"};
// Demo roles: what a sales company would set up on day one.
nlohmann::json demo_roles() {
    auto grants = [](const std::string& type, const std::string& scope, std::vector<std::string> ops) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& op : ops) out.push_back({{"target", type}, {"operation", op}, {"scope", scope}});
        return out;
    };
    auto directory = [&](nlohmann::json list) {
        for (const auto& g : grants("user", "all", {"read"})) list.push_back(g);
        for (const auto& g : grants("department", "all", {"read"})) list.push_back(g);
        return list;
    };
    return nlohmann::json::array({
        {{"name", "head"}, {"label", {{"ru", "Руководитель"}, {"en", "Head"}}},
         {"description", "Sees and manages every ticket, exports"},
         {"permissions", directory(grants("ticket", "all", {"read", "create", "update", "delete", "export"}))}},
        {{"name", "manager"}, {"label", {{"ru", "Менеджер"}, {"en", "Manager"}}},
         {"description", "Works with the tickets of the department"},
         {"permissions", directory(grants("ticket", "department", {"read", "create", "update", "delete", "export"}))}},
        {{"name", "employee"}, {"label", {{"ru", "Сотрудник"}, {"en", "Employee"}}},
         {"description", "Works with own tickets; does not see amounts"},
         {"permissions", directory(grants("ticket", "own", {"read", "create", "update"}))},
         {"field_rules", nlohmann::json::array({{{"entity_type", "ticket"}, {"field", "amount"}, {"access", "hidden"}},
                                                {{"entity_type", "ticket"}, {"field", "paid"}, {"access", "readonly"}}})}},
    });
}

const char* kDemoRoles[] = {"administrator", "head", "manager", "employee", "manager", "employee", "auditor", "employee"};

const char* kStatuses[] = {"new", "in_progress", "waiting", "done", "rejected"};
const char* kPriorities[] = {"low", "normal", "normal", "high", "urgent"};

std::string phone_for(std::mt19937& rng) {
    std::uniform_int_distribution<int> d(0, 9);
    std::string p = "+7 9";
    for (int i = 0; i < 9; ++i) {
        if (i == 2 || i == 5 || i == 7) p += (i == 2 ? " " : "-");
        p += static_cast<char>('0' + d(rng));
    }
    return p;
}

void ensure_ticket_type(Kernel& kernel) {
    if (kernel.types().find("ticket")) return;
    const auto dir = std::filesystem::path(kernel.config().data_dir) / "types";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "ticket.entity.json") << resource(kTicketType);
    kernel.add_entity_type(nlohmann::json::parse(resource(kTicketType)), dir.string());
}

std::int64_t create(Kernel& k, const std::string& type, const nlohmann::json& body) {
    static const Actor demo = Actor::system_actor("demo-data");
    return k.records().create(demo, type, body)["id"].get<std::int64_t>();
}

}  // namespace

DemoDataReport install_demo_data(Kernel& kernel, std::int64_t tickets, bool extra_tickets_only) {
    DemoDataReport report;
    ensure_ticket_type(kernel);
    auto& db = kernel.database();
    const bool installed = db.read([](storage::Connection& c) {
        return c.query_int(storage::SqlFragment("SELECT COUNT(*) FROM schema_migrations WHERE id = 'demo/0001_company'"))
                   .value_or(0) > 0;
    });
    std::mt19937 rng(20261122);
    std::vector<std::int64_t> users, departments;
    if (installed && !extra_tickets_only) {
        report.already_installed = true;
        return report;
    }
    if (!installed) {
        db.write([&](storage::Transaction& tx) {
            departments.push_back(create(kernel, "department", {{"name", "Отдел продаж"}}));
            departments.push_back(create(kernel, "department", {{"name", "Служба поддержки"}}));
            departments.push_back(create(kernel, "department", {{"name", "Бухгалтерия"}}));
            departments.push_back(create(kernel, "department", {{"name", "Группа ипотеки"}, {"parent", departments[0]}}));
            for (std::size_t i = 0; i < kPeople.size(); ++i) {
                nlohmann::json u = {{"login", kPeople[i].first},
                                    {"full_name", kPeople[i].second},
                                    {"email", std::string(kPeople[i].first) + "@orbita.example"},
                                    {"phone", phone_for(rng)},
                                    {"department", departments[i % departments.size()]},
                                    {"position", i == 0 ? "Администратор" : (i % 3 == 1 ? "Руководитель отдела" : "Менеджер")}};
                if (i > 1 && !users.empty()) u["manager"] = users[1];
                users.push_back(create(kernel, "user", u));
            }
            const Actor demo = Actor::system_actor("demo-data");
            for (const auto& role : demo_roles()) kernel.access_admin().create_role(demo, role);
            report.password = auth::random_token(9);
            for (std::size_t i = 0; i < users.size(); ++i) {
                kernel.access_admin().assign_roles(users[i], {kDemoRoles[i % std::size(kDemoRoles)]});
                kernel.auth().set_password(users[i], report.password);
            }
            storage::Migrator::record(tx.conn(), "demo/0001_company", "demo departments, users and roles");
        });
        report.departments = static_cast<int>(departments.size());
        report.users = static_cast<int>(users.size());
    } else {
        users = db.read([](storage::Connection& c) {
            std::vector<std::int64_t> ids;
            for (auto& r : c.query(storage::SqlFragment("SELECT id FROM \"user\" ORDER BY id"), {storage::ReadKind::Int}))
                ids.push_back(std::get<std::int64_t>(r[0]));
            return ids;
        });
        departments = db.read([](storage::Connection& c) {
            std::vector<std::int64_t> ids;
            for (auto& r : c.query(storage::SqlFragment("SELECT id FROM department ORDER BY id"), {storage::ReadKind::Int}))
                ids.push_back(std::get<std::int64_t>(r[0]));
            return ids;
        });
        rng.seed(static_cast<unsigned>(20261122 + users.size() + static_cast<std::size_t>(tickets)));
    }

    auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
    const std::int64_t batch = 1000;
    for (std::int64_t done = 0; done < tickets; done += batch) {
        // One transaction per thousand records keeps seeding fast without one huge commit.
        db.write([&](storage::Transaction&) {
            for (std::int64_t i = done; i < std::min(tickets, done + batch); ++i) {
                const char* status = kStatuses[pick(5)];
                nlohmann::json t = {{"subject", kSubjects[pick(std::size(kSubjects))]},
                                    {"description", "Клиент обратился по телефону. Требуется ответ в течение дня."},
                                    {"status", status},
                                    {"priority", kPriorities[pick(5)]},
                                    {"client_name", kClients[pick(std::size(kClients))]},
                                    {"phone", phone_for(rng)},
                                    {"email", "client" + std::to_string(pick(100000)) + "@mail.example"},
                                    {"amount", {{"amount", static_cast<double>(pick(50000)) * 10.0 + 990.0}, {"currency", "RUB"}}},
                                    {"due_date", "2026-" + std::string(pick(2) ? "11" : "12") + "-" +
                                                     (std::to_string(10 + pick(18)))},
                                    {"assignee", users[1 + pick(users.size() - 1)]},
                                    {"department", departments[pick(departments.size())]},
                                    {"rating", 1 + static_cast<int>(pick(5))},
                                    {"paid", pick(2) == 1}};
                if (std::string(status) == "done") t["resolved_at"] = "2026-11-" + std::to_string(10 + pick(12)) + "T10:15:00Z";
                create(kernel, "ticket", t);
                ++report.tickets;
            }
        });
    }
    spdlog::info("demo data: {} departments, {} users, {} tickets", report.departments, report.users, report.tickets);
    return report;
}

}  // namespace orbita::kernel
