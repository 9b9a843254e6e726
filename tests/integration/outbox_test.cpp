// SPDX-License-Identifier: Apache-2.0
// The transactional outbox against real receivers started by the test: a local HTTP
// server that checks webhook signatures and a local SMTP server.
#include "jobs/job_runner.hpp"
#include "outbox/outbox.hpp"
#include "storage/database.hpp"
#include "support/problem_assertions.hpp"
#include "support/smtp_sink.hpp"
#include "support/test_server.hpp"
#include "support/webhook_receiver.hpp"

#include <Poco/Net/MailMessage.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

using namespace orbita;
using namespace orbita::test;
using namespace std::chrono_literals;

namespace {

const auto kStart = *kernel::parse_iso_datetime("2025-03-12T09:00:00Z");
const std::string kSecret = "s3cret-signing-key-0123456789";

nlohmann::json outbox_config(const WebhookReceiver& hooks, const SmtpSink& smtp) {
    return {{"jobs", {{"workers", 0}, {"max_attempts", 3}, {"backoff_base_seconds", 10}}},
            {"outbox",
             {{"webhooks", {{"targets", {{"crm_sync", {{"url", hooks.url("/hook?src=orbita")}, {"secret", kSecret}, {"timeout_ms", 5000}}}}}}},
              {"smtp", {{"host", "127.0.0.1"}, {"port", smtp.port()}, {"user", "robot"}, {"password", "smtp-password-1"},
                        {"from", "noreply@admin24.test"}, {"timeout_ms", 5000}}}}}};
}

kernel::outbox::EnqueueResult enqueue(TestServer& s, const std::string& channel, const nlohmann::json& payload,
                                      const std::string& key) {
    return s.kernel().database().write(
        [&](kernel::storage::Transaction& tx) { return s.kernel().outbox().enqueue(tx, channel, payload, key); });
}

nlohmann::json message(TestServer& s, std::int64_t id) {
    auto r = s.client().get("/api/v1/admin/outbox/" + std::to_string(id));
    REQUIRE(r.status == 200);
    return r.json();
}

}  // namespace

TEST_CASE("webhooks leave only after their transaction commits, signed, with retries") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            WebhookReceiver hooks(kSecret);
            SmtpSink smtp;
            auto clock = std::make_shared<kernel::ManualClock>(kStart);
            TestServer server(backend, outbox_config(hooks, smtp), clock);
            auto& runner = server.kernel().job_runner();

            // Rolled back with its cause: nothing is ever sent.
            CHECK_THROWS(server.kernel().database().write([&](kernel::storage::Transaction& tx) {
                server.kernel().outbox().enqueue(tx, "webhook", {{"target", "crm_sync"}, {"body", {{"deal", 1}}}}, "deal:1:won");
                throw std::runtime_error("the deal update failed");
            }));
            const auto sent = enqueue(server, "webhook", {{"target", "crm_sync"}, {"body", {{"deal", 2}, {"stage", "won"}}}},
                                      "deal:2:won");
            CHECK(sent.created);
            CHECK_FALSE(enqueue(server, "webhook", {{"target", "crm_sync"}, {"body", {{"deal", 2}}}}, "deal:2:won").created);
            CHECK(hooks.received().empty());  // nothing leaves inside the transaction
            CHECK(message(server, sent.id)["state"] == "pending");

            CHECK(runner.run_due() == 1);
            auto received = hooks.received();
            REQUIRE(received.size() == 1);
            CHECK(received[0].path == "/hook?src=orbita");
            CHECK(received[0].signature_valid);
            CHECK(nlohmann::json::parse(received[0].body) == nlohmann::json({{"deal", 2}, {"stage", "won"}}));
            CHECK(received[0].headers["idempotency-key"] == "deal:2:won");
            CHECK(received[0].headers["x-orbita-delivery"] == std::to_string(sent.id));
            CHECK(received[0].headers["x-orbita-timestamp"] == std::to_string(
                                                                   std::chrono::duration_cast<std::chrono::seconds>(kStart.time_since_epoch()).count()));
            CHECK(received[0].headers["content-type"] == "application/json");
            auto m = message(server, sent.id);
            CHECK(m["state"] == "sent");
            CHECK(m["sent_at"] == "2025-03-12T09:00:00.000Z");
            CHECK(m["attempts"] == 1);
            CHECK(runner.run_due() == 0);  // delivered once

            // A receiver that is down (503, then 500) gets the message on the third try.
            hooks.answer_next({503, 500});
            const auto retried = enqueue(server, "webhook", {{"target", "crm_sync"}, {"body", {{"deal", 3}}}}, "deal:3:won");
            CHECK(runner.run_due() == 1);
            m = message(server, retried.id);
            CHECK(m["state"] == "pending");
            CHECK(m["last_error"].get<std::string>().find("HTTP 503") != std::string::npos);
            clock->advance(13s);
            CHECK(runner.run_due() == 1);
            clock->advance(25s);
            CHECK(runner.run_due() == 1);
            m = message(server, retried.id);
            CHECK(m["state"] == "sent");
            CHECK(m["attempts"] == 3);
            received = hooks.received();
            REQUIRE(received.size() == 4);
            CHECK(received[3].headers["x-orbita-attempt"] == "3");
            CHECK(received[3].headers["idempotency-key"] == "deal:3:won");  // the same key on every attempt

            // A refusal (400) fails at once; an administrator retries it once fixed.
            hooks.answer_next({400});
            const auto refused = enqueue(server, "webhook", {{"target", "crm_sync"}, {"body", {{"deal", 4}}}}, "deal:4:won");
            CHECK(runner.run_due() == 1);
            m = message(server, refused.id);
            CHECK(m["state"] == "failed");
            CHECK(m["last_error"].get<std::string>().find("HTTP 400") != std::string::npos);
            auto admin = server.client();
            auto failed = admin.get("/api/v1/admin/outbox?state=failed");
            REQUIRE(failed.status == 200);
            REQUIRE(failed.json()["items"].size() == 1);
            CHECK(failed.json()["items"][0]["id"] == refused.id);
            // The secret is configuration: it appears in no message.
            CHECK(admin.get("/api/v1/admin/outbox").body.find(kSecret) == std::string::npos);
            auto again = admin.post("/api/v1/admin/outbox/" + std::to_string(refused.id) + "/retry", nlohmann::json::object());
            REQUIRE(again.status == 200);
            CHECK(again.json()["state"] == "pending");
            CHECK(runner.run_due() == 1);
            CHECK(message(server, refused.id)["state"] == "sent");
            require_problem(admin.post("/api/v1/admin/outbox/" + std::to_string(refused.id) + "/retry", nlohmann::json::object()),
                            409, "outbox-not-retryable");
        }
    }
}

TEST_CASE("e-mail goes out over SMTP with authentication, encoded text and retries") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            WebhookReceiver hooks(kSecret);
            SmtpSink smtp;
            auto clock = std::make_shared<kernel::ManualClock>(kStart);
            TestServer server(backend, outbox_config(hooks, smtp), clock);
            auto& runner = server.kernel().job_runner();

            smtp.fail_next({"451 4.3.0 mailbox busy, try later"});
            const auto mail = enqueue(server, "email",
                                      {{"to", {"client@example.ru", "second@example.ru"}},
                                       {"subject", "Invoice 42"},
                                       {"text", "Здравствуйте! Счёт №42 во вложении.\nС уважением, Админ24"}},
                                      "deal:42:invoice");
            CHECK(runner.run_due() == 1);
            auto m = message(server, mail.id);
            CHECK(m["state"] == "pending");
            CHECK(m["last_error"].get<std::string>().find("451") != std::string::npos);
            CHECK(smtp.mails().empty());
            clock->advance(13s);
            CHECK(runner.run_due() == 1);
            CHECK(message(server, mail.id)["state"] == "sent");

            const auto mails = smtp.mails();
            REQUIRE(mails.size() == 1);
            CHECK(mails[0].user == "robot");
            CHECK(smtp.passwords() == std::vector<std::string>{"smtp-password-1", "smtp-password-1"});
            CHECK(mails[0].mail_from == "noreply@admin24.test");
            CHECK(mails[0].rcpt_to == std::vector<std::string>{"client@example.ru", "second@example.ru"});
            std::istringstream raw(mails[0].data);
            Poco::Net::MailMessage parsed;
            parsed.read(raw);
            CHECK(parsed.getSubject() == "Invoice 42");
            CHECK(parsed.get("Message-ID") == "<outbox-" + std::to_string(mail.id) + "@orbita>");
            CHECK(parsed.getContentType().find("charset=UTF-8") != std::string::npos);
            auto text = parsed.getContent();
            text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
            CHECK(text.rfind("Здравствуйте! Счёт №42 во вложении.\nС уважением, Админ24", 0) == 0);

            // A Cyrillic subject is RFC 2047-encoded on the wire.
            enqueue(server, "email", {{"to", {"client@example.ru"}}, {"subject", "Счёт на оплату"}, {"text", "x"}}, "k2");
            CHECK(runner.run_due() == 1);
            REQUIRE(smtp.mails().size() == 2);
            CHECK(smtp.mails()[1].data.find("Subject: =?UTF-8?") != std::string::npos);

            // A permanent refusal (550) fails the message at once.
            smtp.fail_next({"550 5.1.1 no such user"});
            const auto bounced = enqueue(server, "email", {{"to", {"nobody@example.ru"}}, {"subject", "x"}, {"text", "y"}}, "k3");
            CHECK(runner.run_due() == 1);
            CHECK(message(server, bounced.id)["state"] == "failed");
            CHECK(message(server, bounced.id)["attempts"] == 1);
        }
    }
}

TEST_CASE("outbox input is validated and the admin API answers problem+json") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            WebhookReceiver hooks(kSecret);
            SmtpSink smtp;
            TestServer server(backend, outbox_config(hooks, smtp));
            auto refused = [&](const std::string& channel, const nlohmann::json& payload, const std::string& key,
                               const std::string& field) {
                try {
                    enqueue(server, channel, payload, key);
                    FAIL("accepted " << payload.dump());
                } catch (const kernel::Problem& p) {
                    CHECK(p.status() == 422);
                    bool found = false;
                    for (const auto& e : p.errors()) found = found || e.field == field;
                    CHECK(found);
                }
            };
            refused("carrier_pigeon", {{"x", 1}}, "k", "channel");
            refused("webhook", {{"target", "crm_sync"}, {"body", 1}}, "", "idempotency_key");
            refused("webhook", {{"target", "crm_sync"}, {"body", 1}}, std::string(201, 'k'), "idempotency_key");
            refused("webhook", {{"target", "nowhere"}, {"body", 1}}, "k", "target");
            refused("webhook", {{"target", "crm_sync"}}, "k", "body");
            refused("webhook", {{"target", "crm_sync"}, {"body", 1}, {"url", "http://evil"}}, "k", "url");
            refused("webhook", nlohmann::json::array(), "k", "payload");
            refused("email", {{"to", {"not-an-address"}}, {"subject", "s"}, {"text", "t"}}, "k", "to");
            refused("email", {{"to", nlohmann::json::array()}, {"subject", "s"}, {"text", "t"}}, "k", "to");
            refused("email", {{"to", {"a@b.ru"}}, {"subject", "two\r\nBcc: x@y.ru"}, {"text", "t"}}, "k", "subject");
            refused("email", {{"to", {"a@b.ru"}}, {"subject", "s"}}, "k", "text");
            refused("email", {{"to", {"a@b.ru"}}, {"subject", "s"}, {"text", "t"}, {"from", "x"}}, "k", "from");
            CHECK(server.client().get("/api/v1/admin/outbox").json()["items"].empty());

            auto admin = server.client();
            require_problem(admin.get("/api/v1/admin/outbox?state=lost"), 400);
            require_problem(admin.get("/api/v1/admin/outbox?limit=501"), 400);
            require_problem(admin.get("/api/v1/admin/outbox?colour=red"), 400);
            require_problem(admin.get("/api/v1/admin/outbox/424242"), 404);
            require_problem(admin.post("/api/v1/admin/outbox/424242/retry", nlohmann::json::object()), 404);
            server.create_user("clerk", {});
            auto clerk = server.client_with_token(server.token_for("clerk"));
            require_problem(clerk.get("/api/v1/admin/outbox"), 403);
            require_problem(clerk.post("/api/v1/admin/outbox/1/retry", nlohmann::json::object()), 403);
        }
    }
}
