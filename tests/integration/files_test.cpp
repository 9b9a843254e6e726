// SPDX-License-Identifier: Apache-2.0
// Uploads and downloads on every backend: raw and multipart bodies, content addressing,
// size and type limits from the configuration, and `file`/`files` fields.
#include "support/problem_assertions.hpp"
#include "support/test_server.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using nlohmann::json;
using orbita::test::HttpClient;
using orbita::test::HttpResponse;
using orbita::test::require_field_error;
using orbita::test::require_problem;
using orbita::test::TestServer;

namespace {

const json kLimits = {{"files", {{"max_bytes", 4096}, {"allowed_types", {"text/plain", "image/*", "application/pdf"}}}}};

std::string sha256(const std::string& data) {
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(data);
    return Poco::DigestEngine::digestToHex(sha.digest());
}

HttpResponse upload(HttpClient& http, const std::string& name, const std::string& data,
                    const std::string& type = "text/plain") {
    return http.request("POST", "/api/v1/files?name=" + HttpClient::encode(name), data, {}, type);
}

std::string multipart(const std::string& boundary, const std::string& filename, const std::string& type,
                      const std::string& data) {
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nnot a file\r\n" +
           "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename +
           "\"\r\nContent-Type: " + type + "\r\n\r\n" + data + "\r\n--" + boundary + "--\r\n";
}

// Regular files under <data_dir>/files, temporary uploads excluded.
std::size_t stored_files(const fs::path& data_dir) {
    std::size_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(data_dir / "files")) {
        if (e.is_regular_file() && e.path().parent_path().filename() != "tmp") ++n;
    }
    return n;
}

std::size_t temporary_files(const fs::path& data_dir) {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(data_dir / "files" / "tmp"), {}));
}

}  // namespace

TEST_CASE("files are stored content-addressed with their metadata and downloaded intact") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend, kLimits);
            auto http = server.client();
            std::string data = "Счёт №42\n";
            for (int i = 0; i < 200; ++i) data += static_cast<char>(i);  // binary bytes survive

            auto raw = upload(http, "Счёт 42.txt", data);
            INFO(raw.body);
            REQUIRE(raw.status == 201);
            auto meta = raw.json();
            CHECK(meta["name"] == "Счёт 42.txt");
            CHECK(meta["size"] == data.size());
            CHECK(meta["content_type"] == "text/plain");
            CHECK(meta["sha256"] == sha256(data));
            CHECK(meta["url"] == "/api/v1/files/" + std::to_string(meta["id"].get<long long>()) + "/content");
            CHECK(raw.header("Location") == "/api/v1/files/" + std::to_string(meta["id"].get<long long>()));
            const auto hex = meta["sha256"].get<std::string>();
            CHECK(fs::exists(server.data_dir() / "files" / hex.substr(0, 2) / hex.substr(2, 2) / hex));

            auto again = http.get("/api/v1/files/" + std::to_string(meta["id"].get<long long>()));
            REQUIRE(again.status == 200);
            CHECK(again.json() == meta);
            auto content = http.get(meta["url"].get<std::string>());
            REQUIRE(content.status == 200);
            CHECK(content.body == data);
            CHECK(content.header("Content-Type") == "text/plain");
            CHECK(content.header("ETag") == "\"" + hex + "\"");
            CHECK(content.header("Content-Disposition").find("filename*=UTF-8''%D0%A1%D1%87%D1%91%D1%82") !=
                  std::string::npos);
            auto head = http.request("HEAD", meta["url"].get<std::string>());
            CHECK(head.status == 200);
            CHECK(head.body.empty());
            CHECK(head.header("Content-Length") == std::to_string(data.size()));

            // The same bytes again: a new upload record, one stored copy.
            auto copy = upload(http, "copy.txt", data);
            REQUIRE(copy.status == 201);
            CHECK(copy.json()["id"] != meta["id"]);
            CHECK(copy.json()["sha256"] == hex);
            CHECK(stored_files(server.data_dir()) == 1);

            // multipart/form-data, as browsers send it; fields without a file name are skipped.
            const std::string png = "\x89PNG\r\n\x1a\n fake image";
            auto form = http.request("POST", "/api/v1/files", multipart("XyZ123", "photo.png", "image/png", png), {},
                                     "multipart/form-data; boundary=XyZ123");
            INFO(form.body);
            REQUIRE(form.status == 201);
            CHECK(form.json()["name"] == "photo.png");
            CHECK(form.json()["content_type"] == "image/png");
            CHECK(form.json()["size"] == png.size());
            CHECK(http.get(form.json()["url"].get<std::string>()).body == png);
            CHECK(stored_files(server.data_dir()) == 2);

            // Path tricks in names are reduced to the file name.
            CHECK(upload(http, "../../../etc/passwd", "x").json()["name"] == "passwd");
            CHECK(upload(http, "", "y").json()["name"] == "file");
            CHECK(temporary_files(server.data_dir()) == 0);
        }
    }
}

TEST_CASE("size and type limits come from the configuration") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend, kLimits);
            auto http = server.client();
            auto too_large = require_problem(upload(http, "big.txt", std::string(4097, 'a')), 413, "payload-too-large");
            CHECK(too_large["detail"].get<std::string>().find("4096") != std::string::npos);
            CHECK(upload(http, "exact.txt", std::string(4096, 'b')).status == 201);
            require_problem(http.request("POST", "/api/v1/files", multipart("B0undary", "big.png", "image/png", std::string(5000, 'c')),
                                         {}, "multipart/form-data; boundary=B0undary"),
                            413, "payload-too-large");
            auto type = require_problem(upload(http, "page.html", "<html>", "text/html"), 415, "unsupported-media-type");
            CHECK(type["detail"].get<std::string>().find("text/html") != std::string::npos);
            require_problem(upload(http, "app.exe", "MZ", "application/x-msdownload"), 415);
            require_problem(http.request("POST", "/api/v1/files", multipart("b1", "x.sh", "application/x-sh", "#!"), {},
                                         "multipart/form-data; boundary=b1"),
                            415);
            // A family pattern admits every member.
            CHECK(upload(http, "a.webp", "RIFF", "image/webp").status == 201);
            // Multipart bodies without a boundary or without a file part.
            require_problem(http.request("POST", "/api/v1/files", "x", {}, "multipart/form-data"), 400);
            require_problem(http.request("POST", "/api/v1/files",
                                         "--b2\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--b2--\r\n", {},
                                         "multipart/form-data; boundary=b2"),
                            400);
            // Refused uploads leave nothing behind: two accepted files, no temporary ones.
            CHECK(stored_files(server.data_dir()) == 2);
            CHECK(temporary_files(server.data_dir()) == 0);
            CHECK(http.get("/health").status == 200);

            require_problem(http.get("/api/v1/files/999999"), 404, "not-found");
            require_problem(http.get("/api/v1/files/999999/content"), 404, "not-found");
            require_problem(http.get("/api/v1/files/abc/content"), 404, "not-found");
        }
    }
}

TEST_CASE("file and files fields reference uploaded files") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend, kLimits);
            server.add_ticket_type();
            server.add_type({{"name", "contract"},
                             {"label", {{"ru", "Договор"}, {"en", "Contract"}}},
                             {"fields", {{{"name", "scan"}, {"type", "file"}, {"label", {{"ru", "Скан"}, {"en", "Scan"}}}}}}});
            auto http = server.client();
            const auto a = upload(http, "a.txt", "first").json()["id"];
            const auto b = upload(http, "b.pdf", "%PDF-1.4", "application/pdf").json()["id"];

            auto ticket = http.post("/api/v1/records/ticket", {{"subject", "С вложениями"}, {"attachments", {a, b}}});
            INFO(ticket.body);
            REQUIRE(ticket.status == 201);
            CHECK(ticket.json()["attachments"] == json{a, b});
            const std::string url = "/api/v1/records/ticket/" + std::to_string(ticket.json()["id"].get<long long>());

            // A missing file id is 422 naming it, and the record stays as it was.
            auto missing = require_problem(http.patch(url, {{"version", 1}, {"attachments", {a, 424242}}}), 422,
                                           "validation-failed");
            require_field_error(missing, "attachments", "not_found", "no file with id 424242");
            require_field_error(require_problem(http.post("/api/v1/records/ticket", {{"subject", "x"}, {"attachments", {999}}}), 422),
                                "attachments", "not_found");
            require_field_error(require_problem(http.post("/api/v1/records/ticket", {{"subject", "x"}, {"attachments", "a.txt"}}), 422),
                                "attachments", "wrong_type");
            CHECK(http.get(url).json()["attachments"] == json{a, b});
            CHECK(http.get(url).json()["version"] == 1);

            auto changed = http.patch(url, {{"version", 1}, {"attachments", {b}}});
            REQUIRE(changed.status == 200);
            CHECK(changed.json()["attachments"] == json{b});

            // Filters on files fields.
            auto with_b = http.get("/api/v1/records/ticket?filter%5Battachments%5D%5Bcontains%5D=" + b.dump());
            REQUIRE(with_b.status == 200);
            CHECK(with_b.json()["items"].size() == 1);

            // A single `file` field.
            CHECK(http.post("/api/v1/records/contract", {{"scan", b}}).status == 201);
            require_field_error(require_problem(http.post("/api/v1/records/contract", {{"scan", 31337}}), 422), "scan",
                                "not_found", "no file with id 31337");
            require_field_error(require_problem(http.post("/api/v1/records/contract", {{"scan", {b}}}), 422), "scan",
                                "wrong_type");
        }
    }
}
