// SPDX-License-Identifier: Apache-2.0
#include "import/csv_reader.hpp"

namespace orbita::plugins::crm {

bool CsvReader::next(std::vector<std::string>& cells) {
    cells.clear();
    if (pos_ >= text_.size()) return false;
    row_line_ = line_;
    std::string cell;
    bool quoted = false;
    while (pos_ < text_.size()) {
        const char c = text_[pos_++];
        if (quoted) {
            if (c == '"' && pos_ < text_.size() && text_[pos_] == '"') {
                cell += '"';
                ++pos_;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n') ++line_;
                cell += c;
            }
        } else if (c == '"' && cell.empty()) {
            quoted = true;
        } else if (c == delimiter_) {
            cells.push_back(std::move(cell));
            cell.clear();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
            ++line_;
            break;
        } else {
            cell += c;
        }
    }
    cells.push_back(std::move(cell));
    return true;
}

char CsvReader::detect_delimiter(std::string_view text) {
    std::size_t semicolons = 0, commas = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n' || c == '\r') break;
        if (c == ';') ++semicolons;
        if (c == ',') ++commas;
    }
    return commas > semicolons ? ',' : ';';
}

}  // namespace orbita::plugins::crm
