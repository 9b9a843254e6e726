// SPDX-License-Identifier: Apache-2.0
#include "import/client_import.hpp"

#include "datetime_text.hpp"
#include "import/column_mapping.hpp"
#include "import/csv_reader.hpp"
#include "record_query.hpp"

#include <algorithm>
#include <functional>

namespace orbita::plugins::crm {

namespace {

constexpr std::size_t kKeptProblems = 1000;   // stored on the import record
constexpr std::size_t kAnsweredProblems = 100;  // in the 422 answer
constexpr auto kUndoWindow = std::chrono::hours(24);

using nlohmann::json;

json problem_json(const RowProblem& p) { return {{"row", p.row}, {"column", p.column}, {"message", p.message}}; }

// An import request read up to the point where rows can be checked.
struct ParsedImport {
    ImportUpload upload;
    ColumnMapping mapping;
    json mapping_json;
    std::string list_name;
};

sdk::Result<ParsedImport> parse(const json& body, const ImportLimits& limits) {
    auto upload = read_upload(body, limits);
    if (!upload.ok()) return upload.error();
    ParsedImport p{std::move(upload).value(), {}, nullptr, ""};
    p.mapping_json = body.contains("mapping") && !body["mapping"].is_null() ? body["mapping"]
                                                                             : ColumnMapping::suggest(p.upload.headers);
    auto mapping = ColumnMapping::make(p.upload.headers, p.mapping_json);
    if (!mapping.ok()) return mapping.error();
    p.mapping = std::move(mapping).value();
    if (body.contains("list_name") && !body["list_name"].is_null()) {
        if (!body["list_name"].is_string() || trimmed(body["list_name"].get<std::string>()).size() > 200)
            return sdk::fail("invalid-input", "list_name is the name of a client list (at most 200 characters)", 422);
        p.list_name = trimmed(body["list_name"].get<std::string>());
    }
    return p;
}

// Calls `fn` for every non-blank data row, with its line number in the file.
sdk::Result<void> for_each_row(const ParsedImport& p, const std::function<sdk::Result<void>(ImportedRow&, std::size_t)>& fn) {
    CsvReader reader(p.upload.text, p.upload.delimiter);
    std::vector<std::string> cells;
    reader.next(cells);  // the header row
    while (reader.next(cells)) {
        if (blank_row(cells)) continue;
        auto row = p.mapping.read(cells, reader.row_line());
        CRM_CHECK(fn(row, reader.row_line()));
    }
    return {};
}

sdk::Result<std::int64_t> list_id(sdk::Records& records, const std::string& name) {
    auto found = find_one(records, "client_list", {{"filter[name]", name}});
    if (!found.ok()) return found.error();
    if (!found.value().is_null()) return id_of(found.value());
    auto created = records.create("client_list", {{"name", name}});
    if (!created.ok()) return created.error();
    return id_of(created.value());
}

// Looks each phone and e-mail of the row up as the kernel reads it: a value it refuses
// becomes a problem of the row; one that a stored client has makes the row a duplicate.
sdk::Result<std::vector<std::int64_t>> stored_clients_of(const ClientService& clients, sdk::Records& records,
                                                        ImportedRow& row, std::size_t row_number, const ColumnMapping& mapping) {
    std::vector<std::int64_t> out;
    const auto look_up = [&](const std::string& value, bool phone) -> sdk::Result<void> {
        auto found = phone ? clients.clients_with(records, {value}, {}) : clients.clients_with(records, {}, {value});
        if (!found.ok()) {
            if (found.error().status != 422) return found.error();
            row.problems.push_back({row_number, mapping.column_of(phone ? "phones" : "emails"),
                                    "'" + value.substr(0, 64) + (phone ? "' is not a phone number" : "' is not an e-mail address")});
            return {};
        }
        out.insert(out.end(), found.value().begin(), found.value().end());
        return {};
    };
    for (const auto& phone : row.draft.phones) CRM_CHECK(look_up(phone, true));
    for (const auto& email : row.draft.emails) CRM_CHECK(look_up(email, false));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace

std::vector<std::int64_t> expand_ranges(const nlohmann::json& ranges) {
    std::vector<std::int64_t> ids;
    for (const auto& range : ranges) {
        for (auto id = range[0].get<std::int64_t>(); id <= range[1].get<std::int64_t>(); ++id) ids.push_back(id);
    }
    return ids;
}

sdk::Result<nlohmann::json> ClientImport::preview(sdk::Records& records, const nlohmann::json& body) const {
    auto parsed = parse(body, limits_);
    if (!parsed.ok()) return parsed.error();
    const auto& p = parsed.value();
    json rows = json::array();
    auto read = for_each_row(p, [&](ImportedRow& row, std::size_t n) -> sdk::Result<void> {
        if (rows.size() >= preview_rows) return {};
        auto existing = stored_clients_of(clients_, records, row, n, p.mapping);
        if (!existing.ok()) return existing.error();
        json problems = json::array();
        for (const auto& problem : row.problems) problems.push_back(problem_json(problem));
        json client = row.draft.fields;
        client["phones"] = row.draft.phones;
        client["emails"] = row.draft.emails;
        rows.push_back({{"row", n}, {"client", client}, {"problems", problems}, {"duplicate_of", existing.value()}});
        return {};
    });
    if (!read.ok()) return read.error();
    return json{{"file_name", p.upload.file_name}, {"encoding", p.upload.encoding}, {"delimiter", std::string(1, p.upload.delimiter)},
                {"rows_total", p.upload.data_rows}, {"headers", p.mapping.headers()},
                {"suggested_mapping", ColumnMapping::suggest(p.mapping.headers())}, {"mapping", p.mapping_json},
                {"fields", ColumnMapping::targets()}, {"rows", rows}};
}

sdk::Response ClientImport::run(sdk::Records& records, const nlohmann::json& body) const {
    auto parsed = parse(body, limits_);
    if (!parsed.ok()) return sdk::Response::from_error(parsed.error());
    const auto& p = parsed.value();
    // Pass 1 checks every row and writes nothing, so a file with a bad row leaves no trace but its report.
    json errors = json::array(), skipped = json::array();
    std::size_t error_count = 0;
    std::vector<std::size_t> skipped_rows;
    auto checked = for_each_row(p, [&](ImportedRow& row, std::size_t n) -> sdk::Result<void> {
        auto existing = stored_clients_of(clients_, records, row, n, p.mapping);
        if (!existing.ok()) return existing.error();
        for (const auto& problem : row.problems) {
            if (error_count++ < kKeptProblems) errors.push_back(problem_json(problem));
        }
        if (row.problems.empty() && !existing.value().empty()) {
            skipped_rows.push_back(n);
            if (skipped.size() < kKeptProblems) skipped.push_back({{"row", n}, {"clients", existing.value()}});
        }
        return {};
    });
    if (!checked.ok()) return sdk::Response::from_error(checked.error());
    json import = {{"file_name", p.upload.file_name}, {"rows_total", p.upload.data_rows}, {"error_count", error_count},
                   {"skipped_count", skipped_rows.size()}, {"skipped", skipped}, {"row_errors", errors}};
    if (error_count > 0) {
        import["status"] = "failed";
        import["created_count"] = 0;
        auto stored = records.create("client_import", import);
        if (!stored.ok()) return sdk::Response::from_error(stored.error());
        auto answer = sdk::Response::problem(422, "import-failed", std::to_string(error_count) +
                                                                       " problems in the file's rows; nothing was imported. Fix "
                                                                       "them and import the file again");
        answer.body["import_id"] = id_of(stored.value());
        answer.body["error_count"] = error_count;
        answer.body["row_errors"] = json(errors.begin(), errors.begin() + static_cast<std::ptrdiff_t>(std::min(errors.size(), kAnsweredProblems)));
        return answer;
    }
    // Pass 2 writes the new clients, the list and the import record all or nothing.
    json stored_import;
    auto written = records.transaction([&]() -> sdk::Result<void> {
        std::optional<std::int64_t> list;
        if (!p.list_name.empty()) {
            auto id = list_id(records, p.list_name);
            if (!id.ok()) return id.error();
            list = id.value();
            import["list"] = *list;
        }
        json created = json::array();
        std::size_t created_count = 0;
        std::size_t next_skip = 0;
        CRM_CHECK(for_each_row(p, [&](ImportedRow& row, std::size_t n) -> sdk::Result<void> {
            if (next_skip < skipped_rows.size() && skipped_rows[next_skip] == n) {
                ++next_skip;
                return {};
            }
            if (list) row.draft.fields["lists"] = json::array({*list});
            auto id = clients_.store(records, row.draft);
            if (!id.ok()) return sdk::fail(id.error().code, "row " + std::to_string(n) + ": " + id.error().message, id.error().status);
            // Ranges [first, last] of consecutive ids keep the record small (a json
            // field holds at most 256 KiB; 100,000 ids one by one would not fit).
            if (!created.empty() && created.back()[1].get<std::int64_t>() + 1 == id.value()) created.back()[1] = id.value();
            else created.push_back({id.value(), id.value()});
            ++created_count;
            return {};
        }));
        import["status"] = "done";
        import["created_count"] = created_count;
        import["created_ids"] = std::move(created);
        auto saved = records.create("client_import", import);
        if (!saved.ok()) return saved.error();
        stored_import = std::move(saved).value();
        return {};
    });
    if (!written.ok()) return sdk::Response::from_error(written.error());
    return sdk::Response::json(stored_import, 201);
}

sdk::Result<nlohmann::json> ClientImport::undo(sdk::Records& records, std::int64_t id, std::chrono::sys_seconds now) const {
    auto import = records.get("client_import", id);
    if (!import.ok()) return import.error();
    const auto& record = import.value();
    const auto& created = record["created_ids"];
    if (record["status"] != "done" || !created.is_array() || created.empty())
        return sdk::fail("not-undoable", "only a completed import that created clients can be undone, once", 409);
    const auto at = parse_datetime(record["created_at"].get<std::string>());
    if (!at || now - *at > kUndoWindow)
        return sdk::fail("undo-expired", "an import can be undone within 24 hours; this one ran at " +
                                             record["created_at"].get<std::string>(), 409);
    auto undone = records.transaction([&]() -> sdk::Result<void> {
        for (std::int64_t cid : expand_ranges(created)) {
            auto client = records.get("client", cid);
            if (!client.ok()) return client.error();
            // Version 1 and not archived: nobody edited, merged or archived it since the import.
            if (client.value()["version"] != 1 || !client.value().value("archived_at", json()).is_null())
                return sdk::fail("import-changed", "client #" + std::to_string(cid) +
                                                       " was changed after the import; undo refused, nothing archived", 409);
            for (const char* child : {"client_phone", "client_email"}) {
                auto rows = list_all(records, child, {{"filter[client]", std::to_string(cid)}});
                if (!rows.ok()) return rows.error();
                for (const auto& r : rows.value()) CRM_CHECK(records.archive(child, id_of(r)));
            }
            CRM_CHECK(records.archive("client", cid));
        }
        auto saved = records.update("client_import", id, {{"status", "undone"}, {"undone_at", format_datetime(now)}},
                                    record["version"].get<std::int64_t>());
        if (!saved.ok()) return saved.error();
        return {};
    });
    if (!undone.ok()) return undone.error();
    return records.get("client_import", id);
}

}  // namespace orbita::plugins::crm
