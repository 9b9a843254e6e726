// SPDX-License-Identifier: Apache-2.0
#include "export/table_writer.hpp"

#include "export/xlsx_table_writer.hpp"

namespace orbita::plugins::crm {

namespace {

class CsvTableWriter final : public TableWriter {
public:
    sdk::Result<void> row(const std::vector<std::string>& cells) override {
        for (std::size_t i = 0; i < cells.size(); ++i) text_ += (i ? ";" : "") + csv_cell(cells[i]);
        text_ += "\r\n";
        return {};
    }
    sdk::Result<std::string> finish() override { return std::move(text_); }
    std::string content_type() const override { return "text/csv; charset=utf-8"; }
    std::string extension() const override { return "csv"; }

private:
    std::string text_ = "\xEF\xBB\xBF";  // the byte order mark tells Excel the file is UTF-8
};

}  // namespace

std::string csv_cell(const std::string& value) {
    std::string cell = value;
    if (!cell.empty() && std::string_view("=+-@\t\r").find(cell[0]) != std::string_view::npos) cell = "'" + cell;
    if (cell.find_first_of(";\"\r\n") == std::string::npos) return cell;
    std::string quoted = "\"";
    for (char c : cell) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::unique_ptr<TableWriter> make_table_writer(const std::string& format, const std::string& sheet_name) {
    if (format == "csv") return std::make_unique<CsvTableWriter>();
    if (format == "xlsx") return std::make_unique<XlsxTableWriter>(sheet_name);
    return nullptr;
}

}  // namespace orbita::plugins::crm
