// SPDX-License-Identifier: Apache-2.0
// GET /api/v1/records/{type}/export: CSV and XLSX files of what a list selects.
#pragma once

#include "audit/audit_log.hpp"
#include "records/list_query.hpp"
#include "records/record_repository.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace orbita::kernel::records {

/// What to export: the list selection and sort, the format and the columns.
struct ExportRequest {
    ListQuery query;
    std::string format = "csv";          ///< csv or xlsx
    std::vector<std::string> fields;     ///< empty: the type's list columns, else every visible field
    std::string lang = "ru";             ///< language of the header row
    char delimiter = ';';                ///< CSV: ';' (what Russian Excel expects), ',' or tab
    std::int64_t max_rows = 100000;

    /// Reads format, fields, lang, delimiter and the list parameters (400 on bad ones).
    static ExportRequest parse(const QueryParams& params, int max_page_size);
};

/// A finished export file, removed by the caller after sending it.
struct ExportFile {
    std::filesystem::path path;
    std::string content_type;
    std::string file_name;
    std::int64_t rows = 0;
};

/// Pages through the records the actor may export (the `export` permission, not
/// `read`), writes CSV (UTF-8 with BOM) or XLSX, and audits the export. Cells that a
/// spreadsheet would run as a formula (=, +, -, @, tab, CR) are written as text.
class RecordExporter {
public:
    RecordExporter(RecordRepository& records, audit::AuditLog& audit, std::filesystem::path temp_dir)
        : records_(records), audit_(audit), temp_dir_(std::move(temp_dir)) {}

    ExportFile run(const Actor& actor, const std::string& type, const ExportRequest& request);

private:
    RecordRepository& records_;
    audit::AuditLog& audit_;
    std::filesystem::path temp_dir_;
};

/// `text` made safe from formula injection: a leading = + - @ tab or CR gets a "'".
std::string defuse_formula(const std::string& text);
/// One CSV cell: defused, quoted when it holds the delimiter, quotes or line breaks.
std::string csv_cell(const std::string& text, char delimiter);
/// A field value as spreadsheet text (money amount, phone E.164, id lists "1, 2").
std::string cell_text(const nlohmann::json& value);

}  // namespace orbita::kernel::records
