// SPDX-License-Identifier: Apache-2.0
// HTTP behaviour shared by every endpoint: problem+json, request ids, 404/405, HEAD,
// gzip, body limits on a kept-alive connection, operational endpoints.
#include "support/problem_assertions.hpp"
#include "support/test_server.hpp"

#include <Poco/InflatingStream.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <catch2/catch.hpp>

#include <regex>
#include <sstream>

using nlohmann::json;
using orbita::test::HttpResponse;
using orbita::test::require_field_error;
using orbita::test::require_problem;
using orbita::test::TestServer;

namespace {

std::string gunzip(const std::string& data) {
    std::istringstream in(data);
    Poco::InflatingInputStream inflater(in, Poco::InflatingStreamBuf::STREAM_GZIP);
    std::ostringstream out;
    Poco::StreamCopier::copyStream(inflater, out);
    return out.str();
}

// One request on an existing (kept-alive) session; answers status and body.
std::pair<int, std::string> exchange(Poco::Net::HTTPClientSession& session, const std::string& method,
                                     const std::string& path, const std::string& body = "",
                                     const std::string& token = "") {
    Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    req.setKeepAlive(true);
    if (!token.empty()) req.set("Authorization", "Bearer " + token);
    if (!body.empty()) {
        req.setContentType("application/json");
        req.setContentLength64(static_cast<Poco::UInt64>(body.size()));
        session.sendRequest(req) << body;
    } else {
        session.sendRequest(req);
    }
    Poco::Net::HTTPResponse res;
    std::istream& in = session.receiveResponse(res);
    std::ostringstream data;
    Poco::StreamCopier::copyStream(in, data);
    return {static_cast<int>(res.getStatus()), data.str()};
}

}  // namespace

TEST_CASE("operational endpoints: health, ready, metrics, OpenAPI") {
    TestServer server("sqlite");
    server.add_ticket_type();
    auto http = server.client();

    auto health = http.get("/health");
    REQUIRE(health.status == 200);
    CHECK(health.header("Content-Type").rfind("application/json", 0) == 0);
    CHECK(health.json() == json{{"status", "ok"}, {"database", "ok"}, {"plugins", json::object()}});
    CHECK(http.get("/ready").json()["status"] == "ready");
    CHECK(http.get("/").json()["api"] == "/api/v1/openapi.json");

    auto metrics = http.get("/metrics");
    REQUIRE(metrics.status == 200);
    CHECK(metrics.header("Content-Type").rfind("text/plain; version=0.0.4", 0) == 0);
    CHECK(metrics.body.find("# TYPE orbita_http_requests_total counter") != std::string::npos);
    CHECK(metrics.body.find("# TYPE orbita_http_request_duration_seconds histogram") != std::string::npos);
    // The /health request above was counted under its route.
    std::smatch m;
    const std::regex health_line(R"re(orbita_http_requests_total\{method="GET",route="/health",status="2xx"\} (\d+))re");
    REQUIRE(std::regex_search(metrics.body, m, health_line));
    CHECK(std::stoi(m.str(1)) >= 1);
    // Every sample line is "name{labels} value" or "name value".
    std::istringstream lines(metrics.body);
    for (std::string line; std::getline(lines, line);) {
        if (line.empty() || line[0] == '#') continue;
        INFO(line);
        CHECK(std::regex_match(line, std::regex(R"re(^[a-z_:][a-z0-9_:]*(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? [0-9.e+-]+$)re")));
    }

    auto openapi = http.get("/api/v1/openapi.json");
    REQUIRE(openapi.status == 200);
    auto doc = openapi.json();
    CHECK(doc["openapi"].get<std::string>().rfind("3.1", 0) == 0);
    CHECK(doc["paths"].contains("/api/v1/records/ticket"));
    CHECK(doc["paths"]["/api/v1/records/ticket"].contains("post"));
    CHECK(doc["paths"].contains("/api/v1/records/ticket/{id}"));
    CHECK(doc["paths"].contains("/api/v1/files"));
    CHECK(doc["components"]["schemas"].contains("ticket"));
    CHECK(doc["components"]["schemas"].contains("Problem"));
}

TEST_CASE("errors are RFC 9457 problem documents carrying the request id") {
    TestServer server("sqlite");
    auto http = server.client();

    auto missing = require_problem(http.get("/api/v2/nothing"), 404, "not-found");
    CHECK(missing["instance"] == "/api/v2/nothing");
    CHECK(missing["detail"] == "no such endpoint: /api/v2/nothing");

    // A plain client id is echoed (and used in the problem), anything else replaced.
    auto echoed = http.request("GET", "/api/v2/nothing", "", {{"X-Request-Id", "client-42_a"}});
    CHECK(echoed.header("X-Request-Id") == "client-42_a");
    CHECK(echoed.json()["request_id"] == "client-42_a");
    for (const std::string& forged : std::vector<std::string>{"bad id!", "<script>", std::string(65, 'a'), ""}) {
        auto r = http.request("GET", "/health", "", {{"X-Request-Id", forged}});
        CHECK(r.header("X-Request-Id") != forged);
        CHECK(std::regex_match(r.header("X-Request-Id"), std::regex("^[0-9a-f]{16}$")));
    }
    auto generated = http.get("/health").header("X-Request-Id");
    CHECK(std::regex_match(generated, std::regex("^[0-9a-f]{16}$")));
    CHECK(http.get("/health").header("X-Request-Id") != generated);
    CHECK(http.get("/health").header("X-Content-Type-Options") == "nosniff");
}

TEST_CASE("a known path with another method is 405 with Allow") {
    TestServer server("sqlite");
    server.add_ticket_type();
    auto http = server.client();

    auto del = http.request("DELETE", "/health");
    require_problem(del, 405, "method-not-allowed");
    CHECK(del.header("Allow") == "GET");
    auto put = http.request("PUT", "/api/v1/records/ticket/1", "{}");
    require_problem(put, 405);
    for (const char* method : {"GET", "PATCH", "DELETE"}) {
        INFO(put.header("Allow"));
        CHECK(put.header("Allow").find(method) != std::string::npos);
    }
    auto collection = http.request("DELETE", "/api/v1/records/ticket");
    require_problem(collection, 405);
    CHECK(collection.header("Allow") == "GET, POST");
    CHECK(http.get("/health").status == 200);
}

TEST_CASE("HEAD answers like GET without a body") {
    TestServer server("sqlite");
    server.add_ticket_type();
    auto http = server.client();
    REQUIRE(http.post("/api/v1/records/ticket", {{"subject", "x"}}).status == 201);
    for (const char* path : {"/health", "/api/v1/records/ticket", "/api/v1/records/ticket/1", "/api/v1/types"}) {
        INFO(path);
        auto get = http.get(path);
        auto head = http.request("HEAD", path);
        CHECK(head.status == get.status);
        CHECK(head.body.empty());
        CHECK(head.header("Content-Type") == get.header("Content-Type"));
        CHECK(head.header("Content-Length") == std::to_string(get.body.size()));
    }
    CHECK(http.request("HEAD", "/api/v2/nothing").status == 404);
}

TEST_CASE("large answers are gzip-compressed for clients that accept it") {
    TestServer server("sqlite", {{"http", {{"gzip_min_bytes", 2048}}}});
    server.add_ticket_type();
    auto http = server.client();
    for (int i = 0; i < 30; ++i) {
        REQUIRE(http.post("/api/v1/records/ticket", {{"subject", "Обращение номер " + std::to_string(i)}}).status == 201);
    }
    const std::string path = "/api/v1/records/ticket?limit=30";
    auto plain = http.get(path);
    REQUIRE(plain.body.size() >= 2048);
    CHECK(plain.header("Content-Encoding").empty());

    auto zipped = http.request("GET", path, "", {{"Accept-Encoding", "br, gzip;q=0.8"}});
    REQUIRE(zipped.status == 200);
    CHECK(zipped.header("Content-Encoding") == "gzip");
    CHECK(zipped.header("Vary") == "Accept-Encoding");
    CHECK(zipped.body.size() < plain.body.size() / 2);
    CHECK(zipped.header("Content-Length") == std::to_string(zipped.body.size()));
    CHECK(json::parse(gunzip(zipped.body))["items"] == plain.json()["items"]);

    // Small answers and clients that refuse gzip get identity.
    CHECK(http.request("GET", "/health", "", {{"Accept-Encoding", "gzip"}}).header("Content-Encoding").empty());
    CHECK(http.request("GET", path, "", {{"Accept-Encoding", "gzip;q=0"}}).header("Content-Encoding").empty());
    CHECK(http.request("GET", path, "", {{"Accept-Encoding", "identity"}}).header("Content-Encoding").empty());
}

TEST_CASE("rejected bodies do not break the kept-alive connection") {
    TestServer server("sqlite", {{"http", {{"max_body_bytes", 4096}}}});
    server.add_ticket_type();
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server.port()));
    session.setKeepAlive(true);
    session.setTimeout(Poco::Timespan(30, 0));

    const std::string token = server.admin_token();
    CHECK(exchange(session, "POST", "/api/v1/records/ticket", "{\"subject\": ", token).first == 400);
    CHECK(exchange(session, "GET", "/health").first == 200);
    // Over the limit: refused before reading, the unread body is drained.
    auto big = exchange(session, "POST", "/api/v1/records/ticket",
                        json{{"subject", "x"}, {"description", std::string(50000, 'a')}}.dump(), token);
    CHECK(big.first == 413);
    CHECK(json::parse(big.second)["type"] == "/problems/payload-too-large");
    CHECK(exchange(session, "GET", "/health").first == 200);
    // A body the handler never reads (405) is drained as well.
    CHECK(exchange(session, "PUT", "/api/v1/records/ticket/1", "{\"a\": 1}", token).first == 405);
    // Refused for want of identity: the unread body is drained too.
    CHECK(exchange(session, "POST", "/api/v1/records/ticket", R"({"subject": "anonymous"})").first == 401);
    auto created = exchange(session, "POST", "/api/v1/records/ticket", R"({"subject": "after errors"})", token);
    CHECK(created.first == 201);
}

TEST_CASE("unknown query parameters are 400 with a hint") {
    TestServer server("sqlite");
    server.add_ticket_type();
    auto http = server.client();
    require_field_error(require_problem(http.get("/api/v1/records/ticket?limt=5"), 400), "limt", "unknown_parameter",
                        "did you mean 'limit'?");
    require_field_error(require_problem(http.get("/api/v1/records/ticket/aggregate?metric=count"), 400), "metric",
                        "unknown_parameter", "did you mean 'metrics'?");
    require_field_error(require_problem(http.request("POST", "/api/v1/files?nmae=a.txt", "hello", {}, "text/plain"), 400),
                        "nmae", "unknown_parameter", "did you mean 'name'?");
    CHECK(http.get("/api/v1/records/ticket?limit=5").status == 200);
}

TEST_CASE("without identity the API answers 401, operations stay public") {
    TestServer server("sqlite");
    auto http = server.anonymous_client();
    require_problem(http.get("/api/v1/types"), 401, "unauthorized");
    CHECK(http.get("/health").status == 200);
    CHECK(http.get("/ready").status == 200);
    CHECK(http.get("/metrics").status == 200);
}
