// SPDX-License-Identifier: Apache-2.0
// Seed 003's reference automation (§6.2-6.4, §13 scenarios 22-37) as configuration an
// administrator loads through the API (tests/fixtures/seed003), driven by a manual
// clock on both backends: lead call attempts and closing after the fifth failure, the
// "contract conclusion" pipeline with its tasks, reminders and payment loop, the pause
// into "regular payments", the invoice e-mail with the BillTheme/BillText constants, a
// call task 3 working days later across a weekend and a company holiday, and the
// pauses relative to the paid period. The server restarts in the middle; the whole
// timeline is then compared with the expected one, so nothing is missing, late or twice.
#include "app/kernel.hpp"
#include "storage/database.hpp"
#include "support/automation_helpers.hpp"
#include "support/process_helpers.hpp"
#include "support/records_helpers.hpp"
#include "support/seed003_fixture.hpp"
#include "support/smtp_sink.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using nlohmann::json;
using namespace orbita;
using namespace orbita::test;

namespace {

const std::filesystem::path kFixture = std::filesystem::path(ORBITA_FIXTURES_DIR) / "seed003";

std::int64_t id_of(const json& j) { return j["id"].get<std::int64_t>(); }

// A change made by a person (the administrator's client) at the clock's time.
void patch(HttpClient& http, const std::string& type, std::int64_t id, const json& fields) {
    auto r = http.patch("/api/v1/records/" + type + "/" + std::to_string(id), fields, {{"If-Match", "*"}});
    INFO(r.body);
    REQUIRE(r.status == 200);
}

std::int64_t only_id(HttpClient& http, const std::string& type) {
    const auto items = list_all(http, type, {{"sort", "-id"}});
    REQUIRE(!items.empty());
    return id_of(items.front());
}

std::int64_t robot_runs_in_state(TestServer& s, const std::string& state) {
    return s.kernel().database().read([&](kernel::storage::Connection& c) {
        return *c.query_int(kernel::storage::SqlFragment("SELECT COUNT(*) FROM robot_runs WHERE state = ").bind(state));
    });
}

}  // namespace

TEST_CASE("seed 003 reference automation: leads, contract conclusion and regular payments on a manual clock") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            SmtpSink smtp;
            auto clock = std::make_shared<kernel::ManualClock>(*kernel::parse_iso_datetime("2025-06-02T07:00:00Z"));
            TestServer s(backend,
                         manual_jobs_config({{"outbox", {{"smtp", {{"host", "127.0.0.1"}, {"port", smtp.port()},
                                                                   {"from", "no-reply@admin24.test"}, {"timeout_ms", 5000}}}}}}),
                         clock);
            const auto people = create_seed003_people(s);
            install_seed003(s, kFixture);
            auto http = s.client();
            auto at = [&](const std::string& iso) { return run_at(s, *clock, iso); };
            auto lead = [&](const std::string& title, const std::string& email) {
                return id_of(create_record(http, "lead", {{"title", title}, {"owner", people.at("manager")}, {"source", "web"},
                                                          {"email", email}, {"received_at", kernel::format_utc(clock->now())}}));
            };
            auto failed_call = [&](std::int64_t id, const std::string& when) {
                clock->set(*kernel::parse_iso_datetime(when));
                REQUIRE(move(http, "lead", id, "no_answer").status == 200);
                run_due(s);
            };

            // §6.2: lead A is never reached, lead B is qualified at once.
            const auto a = lead("ООО Ромашка", "it@romashka.test");
            run_due(s);
            failed_call(a, "2025-06-02T07:05:00Z");
            at("2025-06-02T07:10:00Z");
            const auto b = lead("ООО Вектор", "office@vector.test");
            run_due(s);
            clock->set(*kernel::parse_iso_datetime("2025-06-02T07:20:00Z"));
            REQUIRE(move(http, "lead", b, "target").status == 200);
            run_due(s);
            const auto deal = only_id(http, "deal");
            CHECK(get_record(http, "deal", deal)["client_email"] == "office@vector.test");
            at("2025-06-02T07:30:00Z");
            failed_call(a, "2025-06-02T07:35:00Z");
            at("2025-06-02T08:00:00Z");
            failed_call(a, "2025-06-02T08:05:00Z");
            at("2025-06-03T07:00:00Z");
            failed_call(a, "2025-06-03T07:05:00Z");

            // §6.3: the manager completes the CP task: the deal waits for feedback.
            at("2025-06-03T08:00:00Z");
            patch(http, "cp_task", only_id(http, "cp_task"), {{"status", "done"}});
            run_due(s);
            CHECK(get_record(http, "deal", deal)["stage"] == "feedback");

            // The server stops with the feedback reminders and the fifth call pending.
            s.restart();
            http = s.client();
            at("2025-06-05T07:00:00Z");
            failed_call(a, "2025-06-05T07:05:00Z");
            CHECK(get_record(http, "lead", a)["stage"] == "unreachable");
            CHECK(get_record(http, "lead", a)["failed_calls"] == 5);
            CHECK(at("2025-06-13T07:59:59Z") == 0);
            CHECK(at("2025-06-13T08:00:00Z") == 1);
            CHECK(at("2025-06-23T08:00:00Z") == 1);

            clock->set(*kernel::parse_iso_datetime("2025-06-24T07:00:00Z"));
            REQUIRE(move(http, "deal", deal, "contract").status == 200);
            run_due(s);
            at("2025-06-25T07:00:00Z");
            patch(http, "contract_task", only_id(http, "contract_task"), {{"status", "done"}});
            run_due(s);
            at("2025-06-27T07:00:00Z");
            at("2025-06-29T07:00:00Z");
            at("2025-07-01T07:00:00Z");
            at("2025-07-01T10:00:00Z");
            patch(http, "deal", deal, {{"paid", true}, {"contract_date", "2025-07-01"}, {"paid_until", "2025-07-31"}});
            run_due(s);
            CHECK(get_record(http, "deal", deal)["stage"] == "paid");
            clock->set(*kernel::parse_iso_datetime("2025-07-02T07:00:00Z"));
            REQUIRE(move(http, "deal", deal, "audit").status == 200);
            run_due(s);
            CHECK(at("2025-07-03T07:00:00Z") == 1);  // the payment loop ends quietly
            at("2025-07-04T12:00:00Z");
            patch(http, "audit_task", only_id(http, "audit_task"), {{"status", "done"}});
            run_due(s);

            // The pause into "regular payments" ends 10 days before the paid period does.
            CHECK(at("2025-07-21T05:59:59Z") == 0);
            at("2025-07-21T06:00:00Z");
            CHECK(get_record(http, "deal", deal)["pipeline"] == "regular");
            // §6.4: the invoice file is attached on Thursday: the e-mail goes at once, the
            // call task 3 working days later (Friday; the weekend and the holiday on Monday
            // 28 July do not count; Tuesday; Wednesday).
            at("2025-07-24T08:00:00Z");
            auto file = http.request("POST", "/api/v1/files?name=" + HttpClient::encode("Счёт 118.pdf"), "%PDF-1.4 invoice", {},
                                     "application/pdf");
            REQUIRE(file.status == 201);
            patch(http, "deal", deal, {{"invoice_file", id_of(file.json())}});
            run_due(s);
            CHECK(at("2025-07-29T08:00:00Z") == 0);
            CHECK(at("2025-07-30T08:00:00Z") == 1);
            at("2025-08-03T08:00:00Z");
            at("2025-08-08T08:00:00Z");
            // Paid on 11 August for August: the 20- and 25-day reminders are cancelled.
            at("2025-08-11T07:00:00Z");
            patch(http, "deal", deal, {{"paid_until", "2025-08-31"}, {"stage", "invoice_paid"}});
            run_due(s);
            CHECK(at("2025-08-13T08:00:00Z") == 0);
            CHECK(at("2025-08-18T08:00:00Z") == 0);
            at("2025-08-28T06:00:00Z");
            at("2025-09-03T06:00:00Z");
            at("2025-09-05T06:00:00Z");
            at("2025-09-08T10:00:00Z");
            patch(http, "deal", deal, {{"docs_sent", true}});
            run_due(s);
            at("2025-09-10T06:00:00Z");
            at("2025-09-15T06:00:00Z");
            at("2025-09-20T06:00:00Z");
            CHECK(at("2026-01-01T00:00:00Z") == 0);

            std::vector<std::string> expected = {
                // Lead A: five attempts at receipt, +30 min, +1 h, +1 day, +3 days, then closed.
                "2025-06-02T07:00:00.000Z lead#1 -> qualification/new",
                "2025-06-02T07:00:00.000Z task @manager: Звонок 1: ООО Ромашка",
                "2025-06-02T07:05:00.000Z lead#1 -> qualification/no_answer",
                "2025-06-02T07:05:00.000Z lead#1 -> qualification/in_work",
                "2025-06-02T07:30:00.000Z task @manager: Звонок 2: ООО Ромашка",
                "2025-06-02T07:35:00.000Z lead#1 -> qualification/no_answer",
                "2025-06-02T07:35:00.000Z lead#1 -> qualification/in_work",
                "2025-06-02T08:00:00.000Z task @manager: Звонок 3: ООО Ромашка",
                "2025-06-02T08:05:00.000Z lead#1 -> qualification/no_answer",
                "2025-06-02T08:05:00.000Z lead#1 -> qualification/in_work",
                "2025-06-03T07:00:00.000Z task @manager: Звонок 4: ООО Ромашка",
                "2025-06-03T07:05:00.000Z lead#1 -> qualification/no_answer",
                "2025-06-03T07:05:00.000Z lead#1 -> qualification/in_work",
                "2025-06-05T07:00:00.000Z task @manager: Звонок 5: ООО Ромашка",
                "2025-06-05T07:05:00.000Z lead#1 -> qualification/no_answer",
                "2025-06-05T07:05:00.000Z lead#1 -> qualification/unreachable",
                // Lead B becomes deal 1 in "contract conclusion".
                "2025-06-02T07:10:00.000Z lead#2 -> qualification/new",
                "2025-06-02T07:10:00.000Z task @manager: Звонок 1: ООО Вектор",
                "2025-06-02T07:20:00.000Z lead#2 -> qualification/target",
                "2025-06-02T07:20:00.000Z deal#1 -> contract/cp",
                "2025-06-02T07:20:00.000Z cp_task @manager: Подготовить КП: ООО Вектор",
                "2025-06-03T08:00:00.000Z deal#1 -> contract/feedback",
                "2025-06-13T08:00:00.000Z notify @manager: Сделка «ООО Вектор» 10 дней ждёт обратной связи от клиента",
                "2025-06-23T08:00:00.000Z notify @supervisor: Сделка «ООО Вектор» 20 дней на стадии «Обратная связь»",
                "2025-06-24T07:00:00.000Z deal#1 -> contract/contract",
                "2025-06-24T07:00:00.000Z contract_task @clerk: Подготовить договор: ООО Вектор",
                "2025-06-25T07:00:00.000Z deal#1 -> contract/awaiting_payment",
                "2025-06-27T07:00:00.000Z notify @manager: Обновите статус оплаты по сделке «ООО Вектор»",
                "2025-06-29T07:00:00.000Z notify @manager: Обновите статус оплаты по сделке «ООО Вектор»",
                "2025-07-01T07:00:00.000Z notify @manager: Обновите статус оплаты по сделке «ООО Вектор»",
                "2025-07-01T10:00:00.000Z deal#1 -> contract/paid",
                "2025-07-02T07:00:00.000Z deal#1 -> contract/audit",
                "2025-07-02T07:00:00.000Z audit_task @it_director: Проведение аудита IT инфраструктуры: ООО Вектор",
                "2025-07-04T12:00:00.000Z deal#1 -> contract/closing_docs",
                "2025-07-04T12:00:00.000Z notify @manager: Сделка «ООО Вектор»: получите закрывающие документы",
                // "Regular payments".
                "2025-07-21T06:00:00.000Z deal#1 -> regular/invoice",
                "2025-07-21T06:00:00.000Z notify @manager: Прикрепите файл счёта к сделке «ООО Вектор»",
                "2025-07-24T08:00:00.000Z deal#1 -> regular/invoice_sent",
                "2025-07-24T08:00:00.000Z email office@vector.test: Счёт на оплату ИТ-обслуживания | Добрый день!\n"
                "Направляем счёт на оплату ИТ-обслуживания на следующий месяц.\nС уважением, Админ24",
                "2025-07-30T08:00:00.000Z task @manager: Позвонить клиенту: ООО Вектор",
                "2025-08-03T08:00:00.000Z notify @manager: Счёт по сделке «ООО Вектор» не оплачен 10 дней",
                "2025-08-08T08:00:00.000Z notify @manager: Счёт по сделке «ООО Вектор» не оплачен 15 дней",
                "2025-08-11T07:00:00.000Z deal#1 -> regular/invoice_paid",
                "2025-08-11T07:00:00.000Z deal#2 -> regular/invoice",
                "2025-08-11T07:00:00.000Z notify @manager: Прикрепите файл счёта к сделке «ООО Вектор»",
                "2025-08-28T06:00:00.000Z deal#1 -> regular/closing_docs",
                "2025-08-28T06:00:00.000Z task @manager: Подготовить и отправить закрывающие документы: ООО Вектор",
                "2025-09-03T06:00:00.000Z notify @manager: Закрывающие документы по сделке «ООО Вектор» не отправлены (3 дн. после оплаченного периода)",
                "2025-09-05T06:00:00.000Z notify @manager: Закрывающие документы по сделке «ООО Вектор» не отправлены (5 дн. после оплаченного периода)",
            };
            std::sort(expected.begin(), expected.end());
            CHECK(seed003_timeline(s, people) == expected);

            CHECK(robot_runs_in_state(s, "failed") == 0);
            CHECK(robot_runs_in_state(s, "stopped") == 0);
            CHECK(robot_runs_in_state(s, "pending") == 0);
            // The invoice left through SMTP once.
            const auto mails = smtp.mails();
            REQUIRE(mails.size() == 1);
            REQUIRE(mails[0].rcpt_to.size() == 1);
            CHECK(mails[0].rcpt_to[0].find("office@vector.test") != std::string::npos);
            const auto deal2 = get_record(http, "deal", 2);
            CHECK(deal2["lead"] == b);
            CHECK(deal2["client_email"] == "office@vector.test");
        }
    }
}
