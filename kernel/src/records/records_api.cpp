// SPDX-License-Identifier: Apache-2.0
#include "records/records_api.hpp"

#include "core/problem.hpp"
#include "http/router.hpp"
#include "records/record_export.hpp"
#include "records/record_repository.hpp"

#include <Poco/URI.h>

#include <filesystem>
#include <fstream>

#include <charconv>
#include <regex>

namespace orbita::kernel::records {

using http::Request;
using http::Response;

namespace {

struct Precondition {
    std::optional<std::int64_t> version;
    bool any = false;
};

// If-Match: "5", 5, W/"5" or *.
Precondition parse_if_match(const std::string& header) {
    Precondition p;
    if (header.empty()) return p;
    if (header == "*") {
        p.any = true;
        return p;
    }
    static const std::regex etag(R"re(^(?:W/)?"?(\d{1,18})"?$)re");
    std::smatch m;
    if (!std::regex_match(header, m, etag))
        throw Problem::bad_request("If-Match must be the record version, e.g. If-Match: \"3\", or *");
    p.version = std::stoll(m.str(1));
    return p;
}

int int_param(const Request& req, const std::string& name, int fallback, int min, int max) {
    auto v = req.query_param(name);
    if (!v) return fallback;
    int n = 0;
    auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || ptr != v->data() + v->size() || n < min || n > max)
        throw Problem::bad_request(name + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    return n;
}

Response record_response(int status, const nlohmann::json& record) {
    Response r = Response::json(status, record);
    r.headers.emplace_back("ETag", "\"" + std::to_string(record.value("version", 0)) + "\"");
    return r;
}

}  // namespace

void register_records_api(http::Router& router, RecordRepository& repo, RecordExporter& exporter) {
    const std::string base = "/api/v1/records/{type}";
    const std::string tag = "records";

    router.add({.method = "GET", .pattern = base, .handler = [&repo](Request& req) {
                    auto query = parse_list_query(req.query(), repo.options().max_page_size);
                    Response r;
                    r.body = repo.list_text(req.actor(), req.param("type"), query);
                    return r;
                },
                .summary = "List records (filters, sort, keyset pages, full-text search)", .tag = tag});

    router.add({.method = "POST", .pattern = base, .handler = [&repo](Request& req) {
                    auto record = repo.create(req.actor(), req.param("type"), req.json_body());
                    Response r = record_response(201, record);
                    r.headers.emplace_back("Location", "/api/v1/records/" + req.param("type") + "/" +
                                                           std::to_string(record["id"].get<std::int64_t>()));
                    return r;
                },
                .summary = "Create a record", .tag = tag});

    router.add({.method = "GET", .pattern = base + "/aggregate", .handler = [&repo](Request& req) {
                    auto query = parse_aggregate_query(req.query(), repo.options().time_zone);
                    return Response::json(repo.aggregate(req.actor(), req.param("type"), query));
                },
                .summary = "Count, sum, average, minimum and maximum, grouped by fields or date buckets",
                .tag = tag});

    router.add({.method = "GET", .pattern = base + "/export", .handler = [&repo, &exporter](Request& req) {
                    auto request = ExportRequest::parse(req.query(), repo.options().max_page_size);
                    auto file = exporter.run(req.actor(), req.param("type"), request);
                    // The temporary file goes away with the last copy of the response.
                    auto path = std::shared_ptr<std::filesystem::path>(
                        new std::filesystem::path(file.path), [](std::filesystem::path* p) {
                            std::error_code ec;
                            std::filesystem::remove(*p, ec);
                            delete p;
                        });
                    Response r;
                    r.content_type = file.content_type;
                    r.content_length = static_cast<std::int64_t>(std::filesystem::file_size(*path));
                    std::string encoded;
                    Poco::URI::encode(file.file_name, "!#$&+,/:;=?@[]\"' ", encoded);
                    r.headers.emplace_back("Content-Disposition",
                                           "attachment; filename=\"" + file.file_name + "\"; filename*=UTF-8''" + encoded);
                    r.headers.emplace_back("X-Export-Rows", std::to_string(file.rows));
                    r.stream = [path](std::ostream& out) {
                        std::ifstream in(*path, std::ios::binary);
                        out << in.rdbuf();
                    };
                    return r;
                },
                .summary = "Export what a list selects as CSV or XLSX (needs the export permission)", .tag = tag});

    router.add({.method = "GET", .pattern = base + "/{id}", .handler = [&repo](Request& req) {
                    auto text = repo.get_text(req.actor(), req.param("type"), req.id_param("id"));
                    Response r;
                    r.body = std::move(text.json);
                    r.headers.emplace_back("ETag", "\"" + std::to_string(text.version) + "\"");
                    return r;
                },
                .summary = "Get one record", .tag = tag});

    router.add({.method = "PATCH", .pattern = base + "/{id}", .handler = [&repo](Request& req) {
                    const auto id = req.id_param("id");
                    auto pre = parse_if_match(req.header("If-Match"));
                    auto record = repo.update(req.actor(), req.param("type"), id, req.json_body(), pre.version, pre.any);
                    return record_response(200, record);
                },
                .summary = "Change fields of a record (optimistic concurrency: version or If-Match)", .tag = tag});

    router.add({.method = "DELETE", .pattern = base + "/{id}", .handler = [&repo](Request& req) {
                    return record_response(200, repo.archive(req.actor(), req.param("type"), req.id_param("id")));
                },
                .summary = "Archive a record (records are never erased)", .tag = tag});

    router.add({.method = "POST", .pattern = base + "/{id}/restore", .handler = [&repo](Request& req) {
                    return record_response(200, repo.restore(req.actor(), req.param("type"), req.id_param("id")));
                },
                .summary = "Restore an archived record", .tag = tag});

    router.add({.method = "GET", .pattern = base + "/{id}/history", .handler = [&repo](Request& req) {
                    reject_unknown_params(req.query(), {"limit", "before"});
                    const int limit = int_param(req, "limit", 50, 1, 500);
                    const int before = int_param(req, "before", 0, 0, 2147483647);
                    auto entries = repo.history(req.actor(), req.param("type"), req.id_param("id"), limit, before);
                    nlohmann::json body = {{"items", entries}};
                    body["next_before"] = entries.size() == static_cast<std::size_t>(limit)
                                              ? nlohmann::json(entries.back()["id"])
                                              : nlohmann::json(nullptr);
                    return Response::json(body);
                },
                .summary = "Who changed which fields, with old and new values (newest first)", .tag = tag});
}

}  // namespace orbita::kernel::records
