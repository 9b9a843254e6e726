// SPDX-License-Identifier: Apache-2.0
#include "records/record_export.hpp"

#include "core/nearest_name.hpp"
#include "acl/access_profile.hpp"
#include "core/problem.hpp"

#include <xlsxwriter.h>

#include <fstream>
#include <random>

namespace orbita::kernel::records {

std::string defuse_formula(const std::string& text) {
    if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' ||
                          text[0] == '\r'))
        return "'" + text;
    return text;
}

std::string csv_cell(const std::string& text, char delimiter) {
    const std::string safe = defuse_formula(text);
    if (safe.find_first_of(std::string(1, delimiter) + "\"\r\n") == std::string::npos) return safe;
    std::string out = "\"";
    for (char c : safe) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string cell_text(const nlohmann::json& v) {
    if (v.is_null()) return "";
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_object() && v.contains("amount")) return v["amount"].dump();
    if (v.is_object() && v.contains("e164")) return v["e164"].get<std::string>();
    if (v.is_array()) {
        std::string out;
        for (const auto& item : v) out += (out.empty() ? "" : ", ") + cell_text(item);
        return out;
    }
    return v.dump();
}

ExportRequest ExportRequest::parse(const QueryParams& params, int max_page_size) {
    ExportRequest r;
    QueryParams list_params;
    for (const auto& [k, v] : params) {
        if (k == "format") {
            if (v != "csv" && v != "xlsx") throw Problem::bad_request("format is csv or xlsx", {{"format", "invalid_value", "csv or xlsx"}});
            r.format = v;
        } else if (k == "fields") {
            std::string cur;
            for (char c : v + ",") {
                if (c == ',') {
                    if (!cur.empty()) r.fields.push_back(cur);
                    cur.clear();
                } else if (c != ' ') {
                    cur += c;
                }
            }
        } else if (k == "lang") {
            if (v != "ru" && v != "en" && v != "uk") throw Problem::bad_request("lang is ru, en or uk");
            r.lang = v;
        } else if (k == "delimiter") {
            if (v == "semicolon" || v == ";") {
                r.delimiter = ';';
            } else if (v == "comma" || v == ",") {
                r.delimiter = ',';
            } else if (v == "tab") {
                r.delimiter = '\t';
            } else {
                throw Problem::bad_request("delimiter is semicolon, comma or tab");
            }
        } else {
            list_params.emplace_back(k, v);
        }
    }
    r.query = parse_list_query(list_params, max_page_size);
    r.query.limit = max_page_size;
    return r;
}

ExportFile RecordExporter::run(const Actor& actor, const std::string& type_name, const ExportRequest& request) {
    auto type = records_.registry().get(type_name);
    // Fields hidden from the exporter behave as if they did not exist: left out of the
    // default columns, unknown when asked for, never offered as a "did you mean" hint.
    auto visible = [&](const entity::FieldDef& f) {
        return RecordGuard::unrestricted(actor) || (actor.access && actor.access->field_readable(type_name, f.name));
    };
    std::vector<std::string> visible_names;
    for (const auto& f : type->fields()) {
        if (visible(f)) visible_names.push_back(f.name);
    }
    // Columns: what was asked for, else the list columns, else every field.
    std::vector<const entity::FieldDef*> columns;
    std::vector<FieldError> errors;
    if (request.fields.empty()) {
        for (const auto& n : type->list_columns) {
            if (const auto* f = type->field(n); f && visible(*f)) columns.push_back(f);
        }
        if (type->list_columns.empty()) {
            for (const auto& f : type->fields()) {
                if (visible(f)) columns.push_back(&f);
            }
        }
    } else {
        for (const auto& n : request.fields) {
            const auto* f = type->field(n);
            if (!f || !visible(*f)) {
                errors.push_back({"fields", "unknown_field", "unknown field '" + n + "'" + did_you_mean(n, visible_names)});
            } else {
                columns.push_back(f);
            }
        }
    }
    if (!errors.empty()) {
        // Copied before `errors` is moved: argument evaluation order is unspecified.
        std::string detail = errors.front().message;
        throw Problem::bad_request(std::move(detail), std::move(errors));
    }

    ListQuery query = request.query;
    std::int64_t count = 0;
    auto first = records_.list(actor, type_name, query, "export");

    thread_local std::mt19937_64 rng{std::random_device{}()};
    std::filesystem::create_directories(temp_dir_);
    ExportFile out;
    out.path = temp_dir_ / ("export-" + std::to_string(rng()) + "." + request.format);
    out.file_name = type_name + "." + request.format;
    auto header = [&](const entity::FieldDef* f) { return f->label.value(request.lang, f->label.value("en", f->name)); };

    auto for_each_page = [&](const std::function<void(const nlohmann::json&)>& row_fn) {
        ListResult page = std::move(first);
        for (;;) {
            for (const auto& item : page.items) {
                if (count >= request.max_rows) return;
                row_fn(item);
                ++count;
            }
            if (!page.next_cursor) return;
            query.cursor = *page.next_cursor;
            page = records_.list(actor, type_name, query, "export");
        }
    };

    if (request.format == "csv") {
        out.content_type = "text/csv; charset=utf-8";
        std::ofstream file(out.path, std::ios::binary);
        file << "\xEF\xBB\xBF";  // BOM: Excel then reads UTF-8 (Cyrillic) correctly
        for (std::size_t i = 0; i < columns.size(); ++i) file << (i ? std::string(1, request.delimiter) : "") << csv_cell(header(columns[i]), request.delimiter);
        file << "\r\n";
        for_each_page([&](const nlohmann::json& item) {
            for (std::size_t i = 0; i < columns.size(); ++i)
                file << (i ? std::string(1, request.delimiter) : "") << csv_cell(cell_text(item[columns[i]->name]), request.delimiter);
            file << "\r\n";
        });
    } else {
        out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        lxw_workbook* workbook = workbook_new(out.path.c_str());
        if (!workbook) throw std::runtime_error("cannot create " + out.path.string());
        lxw_worksheet* sheet = workbook_add_worksheet(workbook, nullptr);
        lxw_format* bold = workbook_add_format(workbook);
        format_set_bold(bold);
        for (std::size_t i = 0; i < columns.size(); ++i)
            worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(i), header(columns[i]).c_str(), bold);
        lxw_row_t row = 1;
        for_each_page([&](const nlohmann::json& item) {
            for (std::size_t i = 0; i < columns.size(); ++i) {
                const auto& v = item[columns[i]->name];
                const auto col = static_cast<lxw_col_t>(i);
                // Numbers stay numbers; everything else is written as a string cell,
                // which spreadsheets never evaluate as a formula.
                if (v.is_number()) {
                    worksheet_write_number(sheet, row, col, v.get<double>(), nullptr);
                } else if (v.is_object() && v.contains("amount") && v["amount"].is_number()) {
                    worksheet_write_number(sheet, row, col, v["amount"].get<double>(), nullptr);
                } else {
                    worksheet_write_string(sheet, row, col, cell_text(v).c_str(), nullptr);
                }
            }
            ++row;
        });
        if (workbook_close(workbook) != LXW_NO_ERROR) throw std::runtime_error("cannot write " + out.path.string());
    }
    out.rows = count;
    audit_.record(actor, "records.exported", {{"format", request.format}, {"rows", count}}, type_name);
    return out;
}

}  // namespace orbita::kernel::records
