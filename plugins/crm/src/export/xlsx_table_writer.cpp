// SPDX-License-Identifier: Apache-2.0
#include "export/xlsx_table_writer.hpp"

#include <xlsxwriter.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace orbita::plugins::crm {

namespace {

constexpr unsigned kMaxRows = 1048576;  // what one Excel sheet holds

std::filesystem::path private_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "orbita-crm-export-XXXXXX").string();
    if (!mkdtemp(pattern.data())) return {};
    return pattern;
}

}  // namespace

XlsxTableWriter::XlsxTableWriter(const std::string& sheet_name) : dir_(private_dir()) {
    if (dir_.empty()) return;
    workbook_ = workbook_new((dir_ / "export.xlsx").c_str());
    if (workbook_) sheet_ = workbook_add_worksheet(workbook_, sheet_name.c_str());
}

XlsxTableWriter::~XlsxTableWriter() {
    if (workbook_) workbook_close(workbook_);
    std::error_code ignored;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
}

sdk::Result<void> XlsxTableWriter::row(const std::vector<std::string>& cells) {
    if (!sheet_) return sdk::fail("export-failed", "the XLSX workbook could not be created", 500);
    if (row_ >= kMaxRows) return sdk::fail("too-many-rows", "an XLSX sheet holds at most 1,048,576 rows; export CSV", 422);
    for (std::size_t col = 0; col < cells.size(); ++col) {
        if (cells[col].empty()) continue;
        if (worksheet_write_string(sheet_, row_, static_cast<lxw_col_t>(col), cells[col].c_str(), nullptr) != LXW_NO_ERROR)
            return sdk::fail("export-failed", "a cell could not be written to the XLSX file", 500);
    }
    ++row_;
    return {};
}

sdk::Result<std::string> XlsxTableWriter::finish() {
    if (!workbook_) return sdk::fail("export-failed", "the XLSX workbook could not be created", 500);
    const auto closed = workbook_close(workbook_);
    workbook_ = nullptr;
    if (closed != LXW_NO_ERROR) return sdk::fail("export-failed", std::string("writing the XLSX file failed: ") + lxw_strerror(closed), 500);
    std::ifstream in(dir_ / "export.xlsx", std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

}  // namespace orbita::plugins::crm
