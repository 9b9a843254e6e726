// SPDX-License-Identifier: Apache-2.0
#include "import/import_upload.hpp"

#include "client_input.hpp"
#include "import/base64.hpp"
#include "import/csv_reader.hpp"
#include "import/text_encoding.hpp"
#include "import/xlsx_sheet.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace orbita::plugins::crm {

namespace {

sdk::Error invalid(const std::string& why) { return sdk::fail("invalid-input", why, 422); }

std::optional<std::string> string_member(const nlohmann::json& body, const char* key) {
    if (!body.contains(key) || !body[key].is_string()) return std::nullopt;
    return body[key].get<std::string>();
}

// Zip archives (xlsx, ods, docx) start with "PK\3\4"; old Excel files (xls) with the
// OLE2 signature.
// A first row holding an e-mail or a phone-like number is data, not column names.
bool looks_like_data(const std::vector<std::string>& cells) {
    return std::any_of(cells.begin(), cells.end(), [](const std::string& c) {
        return c.find('@') != std::string::npos ||
               std::count_if(c.begin(), c.end(), [](unsigned char ch) { return std::isdigit(ch); }) >= 5;
    });
}

// Old Excel files (xls) are OLE2 compound files.
bool is_old_excel(const std::string& bytes) { return bytes.rfind("\xD0\xCF\x11\xE0", 0) == 0; }

}  // namespace

bool blank_row(const std::vector<std::string>& cells) {
    return std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return trimmed(c).empty(); });
}

sdk::Result<ImportUpload> read_upload(const nlohmann::json& body, const ImportLimits& limits) {
    if (!body.is_object()) return invalid("the body is {\"file_name\", \"content_base64\", \"mapping\"?, \"list_name\"?, \"encoding\"?}");
    const auto content = string_member(body, "content_base64");
    if (!content) return invalid("content_base64 (the file, base64-encoded) is required");
    if (content->size() / 4 * 3 > limits.max_bytes + 3)
        return sdk::fail("file-too-large", "the file is larger than " + std::to_string(limits.max_bytes) + " bytes", 413);
    auto bytes = base64_decode(*content);
    if (!bytes) return invalid("content_base64 is not base64");
    if (bytes->empty()) return sdk::fail("missing-header", "the file is empty: the first row must hold the column names", 422);
    if (is_old_excel(*bytes))
        return sdk::fail("unsupported-file-type", "Excel 97-2003 workbooks (xls) are not read: save the file as xlsx or CSV", 422);
    const auto forced = string_member(body, "encoding");
    if (body.contains("encoding") && !forced) return invalid("encoding is a string: \"utf-8\" or \"cp1251\"");
    const bool workbook = is_zip(*bytes);
    auto text = workbook ? first_sheet_as_csv(*bytes, limits.max_bytes) : text_as_utf8(*bytes, forced);
    if (!text.ok()) return text.error();

    ImportUpload upload;
    upload.file_name = string_member(body, "file_name").value_or("import.csv").substr(0, 200);
    upload.encoding = workbook ? "xlsx" : forced.value_or(is_valid_utf8(*bytes) ? "utf-8" : "cp1251");
    upload.text = std::move(text).value();
    const auto delimiter = workbook ? std::optional<std::string>(";") : string_member(body, "delimiter");
    if (delimiter && *delimiter != ";" && *delimiter != ",") return invalid("delimiter is \";\" or \",\"");
    upload.delimiter = delimiter ? (*delimiter)[0] : CsvReader::detect_delimiter(upload.text);

    CsvReader reader(upload.text, upload.delimiter);
    std::vector<std::string> cells;
    if (!reader.next(cells) || blank_row(cells))
        return sdk::fail("missing-header", "the first row is empty: it must hold the column names", 422);
    if (looks_like_data(cells))
        return sdk::fail("missing-header", "the first row holds data (a phone or e-mail), not column names: add a header row "
                                           "(e.g. Фамилия;Имя;Телефон;E-mail)", 422);
    upload.headers = cells;
    while (reader.next(cells)) {
        if (blank_row(cells)) continue;
        if (++upload.data_rows > limits.max_rows)
            return sdk::fail("too-many-rows", "the file has more than " + std::to_string(limits.max_rows) +
                                                  " rows (the import limit); split it into several files", 422);
    }
    if (upload.data_rows == 0) return sdk::fail("no-rows", "the file has a header row but no clients", 422);
    return upload;
}

}  // namespace orbita::plugins::crm
