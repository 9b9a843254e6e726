// SPDX-License-Identifier: Apache-2.0
// Export files written row by row: CSV for Excel and XLSX.
#pragma once

#include <orbita/sdk/result.hpp>

#include <memory>
#include <string>
#include <vector>

namespace orbita::plugins::crm {

/// A table file being written: one header row, then data rows, then the file's bytes.
/// Cells are text and never formulas: values a spreadsheet would run as a formula
/// (starting with = + - @, tab or CR) are defused (see csv_cell) or stored as strings.
class TableWriter {
public:
    virtual ~TableWriter() = default;
    /// Appends one row.
    virtual sdk::Result<void> row(const std::vector<std::string>& cells) = 0;
    /// The finished file.
    virtual sdk::Result<std::string> finish() = 0;
    /// The file's media type.
    virtual std::string content_type() const = 0;
    /// The file name extension, without the dot.
    virtual std::string extension() const = 0;
};

/// "csv" (UTF-8 with a byte order mark, `;`, CRLF: what Excel in a Russian locale
/// opens as it is) or "xlsx" (one sheet, libxlsxwriter); nullptr for anything else.
std::unique_ptr<TableWriter> make_table_writer(const std::string& format, const std::string& sheet_name);

/// One CSV cell: quoted when it holds `;`, a quote or a line break; a value starting
/// with = + - @, tab or CR gets a leading apostrophe, so Excel shows it as text instead
/// of running it as a formula (formula injection, e.g. `=cmd|' /C calc'!A0`).
std::string csv_cell(const std::string& value);

}  // namespace orbita::plugins::crm
