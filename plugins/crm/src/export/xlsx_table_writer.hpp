// SPDX-License-Identifier: Apache-2.0
// The XLSX export file, written with libxlsxwriter.
#pragma once

#include "export/table_writer.hpp"

#include <filesystem>

struct lxw_workbook;
struct lxw_worksheet;

namespace orbita::plugins::crm {

/// One worksheet; every cell is written as a string (never a formula). libxlsxwriter
/// 1.1.4 writes to a file only: the workbook goes to a private temporary file that is
/// read back and removed in finish() (or the destructor).
class XlsxTableWriter final : public TableWriter {
public:
    explicit XlsxTableWriter(const std::string& sheet_name);
    ~XlsxTableWriter() override;
    XlsxTableWriter(const XlsxTableWriter&) = delete;
    XlsxTableWriter& operator=(const XlsxTableWriter&) = delete;

    sdk::Result<void> row(const std::vector<std::string>& cells) override;
    sdk::Result<std::string> finish() override;
    std::string content_type() const override { return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"; }
    std::string extension() const override { return "xlsx"; }

private:
    std::filesystem::path dir_;
    lxw_workbook* workbook_ = nullptr;
    lxw_worksheet* sheet_ = nullptr;
    unsigned row_ = 0;
};

}  // namespace orbita::plugins::crm
