// SPDX-License-Identifier: Apache-2.0
// An import file as it arrives in a request body, read up to its header row.
#pragma once

#include <orbita/sdk/result.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace orbita::plugins::crm {

/// Limits of one import (plugin configuration `import`).
struct ImportLimits {
    std::size_t max_rows = 5000;               ///< data rows (seed 001: 5,000)
    std::size_t max_bytes = 50 * 1024 * 1024;  ///< decoded file size (seed 001: 50 MB)
};

/// The file of an import request, decoded to UTF-8 text with its header row read.
struct ImportUpload {
    std::string file_name;
    std::string encoding;  ///< "utf-8" or "cp1251" (as detected or given), or "xlsx"
    char delimiter = ';';
    std::string text;      ///< the whole file as UTF-8 (the rows are read from it one by one)
    std::vector<std::string> headers;
    std::size_t data_rows = 0;  ///< rows after the header, blank lines not counted
};

/// Reads `{"file_name", "content_base64", "encoding"?, "delimiter"?}`: a CSV file or
/// an XLSX workbook (its first sheet). 422 "invalid-input" (no or bad base64), 413
/// "file-too-large", 422 "unsupported-file-type" (xls or binary), "invalid-workbook"
/// (a zip that is no readable XLSX), the encoding errors of text_as_utf8, 422 "missing-header" (empty file or first row without names) and
/// 422 "too-many-rows" (more data rows than `limits.max_rows`, counted before
/// anything is written).
sdk::Result<ImportUpload> read_upload(const nlohmann::json& body, const ImportLimits& limits);

/// True for a row of the file with no text in any cell.
bool blank_row(const std::vector<std::string>& cells);

}  // namespace orbita::plugins::crm
