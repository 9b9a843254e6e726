// SPDX-License-Identifier: Apache-2.0
#include "outbox/webhook_allow_list.hpp"

#include <catch2/catch.hpp>

using orbita::kernel::outbox::WebhookAllowList;

TEST_CASE("webhook allow-list: exact hosts, subdomain wildcards, ports", "[outbox]") {
    const WebhookAllowList list({"hooks.example.com", "*.Partner.RU", "127.0.0.1:8099"});
    CHECK_FALSE(list.refusal("https://hooks.example.com/deal"));
    CHECK_FALSE(list.refusal("http://HOOKS.example.com:8443/x?y=1"));  // any port without one listed
    CHECK_FALSE(list.refusal("https://api.partner.ru/"));
    CHECK_FALSE(list.refusal("https://a.b.partner.ru/"));
    CHECK(list.refusal("https://partner.ru/") == "host partner.ru is not allow-listed for webhooks (outbox.webhooks.allowed_hosts)");
    CHECK(list.refusal("https://evilpartner.ru/"));
    CHECK(list.refusal("https://hooks.example.com.evil.io/"));
    CHECK_FALSE(list.refusal("http://127.0.0.1:8099/hook"));
    CHECK(list.refusal("http://127.0.0.1:8098/hook") ==
          "host 127.0.0.1:8098 is not allow-listed for webhooks (outbox.webhooks.allowed_hosts)");
    CHECK(list.refusal("http://127.0.0.1/hook"));  // port 80 is not 8099
    CHECK(list.refusal("ftp://hooks.example.com/") == "'ftp://hooks.example.com/' is not an http:// or https:// URL");
    CHECK(list.refusal("hooks.example.com/deal"));
    CHECK(list.refusal("https:///nohost"));
    CHECK(WebhookAllowList().refusal("https://hooks.example.com/"));  // empty: nothing by URL
}
