// SPDX-License-Identifier: Apache-2.0
// Rows of CSV text, one at a time: the file is never split into a table in memory.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace orbita::plugins::crm {

/// Reads RFC 4180 CSV (quoted fields with doubled quotes and line breaks inside,
/// CRLF or LF) row by row from UTF-8 text it does not own.
class CsvReader {
public:
    CsvReader(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {}

    /// The next row into `cells`; false at the end of the text. A blank line is a row
    /// with one empty cell.
    bool next(std::vector<std::string>& cells);
    /// The line on which the last row read started (1-based), for error messages.
    std::size_t row_line() const { return row_line_; }

    /// `;` or `,`: the one that occurs more often outside quotes in the first line
    /// (`;` when neither does: Excel's choice in Russian locales).
    static char detect_delimiter(std::string_view text);

private:
    std::string_view text_;
    char delimiter_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::size_t row_line_ = 0;
};

}  // namespace orbita::plugins::crm
