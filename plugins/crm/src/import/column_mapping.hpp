// SPDX-License-Identifier: Apache-2.0
// Which file column fills which client field, and one file row read as a client.
#pragma once

#include "client_input.hpp"

#include <orbita/sdk/result.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace orbita::plugins::crm {

/// A problem with one cell of an import file: row (1 = the header row), column
/// header and what is wrong.
struct RowProblem {
    std::size_t row = 0;
    std::string column;
    std::string message;
};

/// The client a row describes, or the problems that keep it from being one.
struct ImportedRow {
    ClientDraft draft;
    std::vector<RowProblem> problems;
};

/// The mapping of file columns to client fields (`first_name`, `last_name`,
/// `middle_name`, `birth_date`, `address`, `phones`, `emails`). Two columns mapped to
/// one text field fill it joined by a space (seed 001); several phone or e-mail
/// columns, or several values in one cell separated by `,` or `;`, add one each.
class ColumnMapping {
public:
    /// The client fields a column may fill.
    static const std::vector<std::string>& targets();
    /// A suggestion from the header names (Russian or English, any case): {header:
    /// field or null}. The first column of a field wins.
    static nlohmann::json suggest(const std::vector<std::string>& headers);
    /// Checks the header row (non-empty, contiguous names: 422 "missing-header") and a
    /// mapping {header: field or null} (422 "invalid-mapping": an unknown header or
    /// field, or no column for first_name, the required "Имя").
    static sdk::Result<ColumnMapping> make(const std::vector<std::string>& headers, const nlohmann::json& mapping);

    /// Row `row_number` (as counted in the file) read as a client: first name required,
    /// dates as dd.mm.yyyy or yyyy-mm-dd, e-mails lower-cased. Phones are checked by the
    /// kernel when they are looked up or stored.
    ImportedRow read(const std::vector<std::string>& cells, std::size_t row_number) const;

    /// The header of the first column mapped to `field` ("" when none is).
    std::string column_of(const std::string& field) const;
    /// The header row the mapping was made for.
    const std::vector<std::string>& headers() const { return headers_; }

private:
    std::vector<std::string> headers_;
    std::vector<std::string> field_of_column_;  // "" for a column that is not imported
};

}  // namespace orbita::plugins::crm
