// SPDX-License-Identifier: Apache-2.0
// One leased database session with typed helpers for parameterised statements.
#pragma once

#include "storage/column_type.hpp"
#include "storage/sql_fragment.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace soci {
class session;
}

namespace orbita::kernel::storage {

class Dialect;

using Row = std::vector<SqlValue>;

/// A SOCI session plus its dialect. Valid only inside `Database::read/write`.
/// All statements are parameterised (`SqlFragment`); database errors propagate as
/// `soci::soci_error` and are classified by the caller through the dialect.
class Connection {
public:
    Connection(soci::session& session, const Dialect& dialect) : session_(session), dialect_(dialect) {}

    const Dialect& dialect() const { return dialect_; }
    soci::session& session() { return session_; }

    /// Runs a statement that returns no rows; answers the number of affected rows.
    std::int64_t exec(const SqlFragment& statement);
    /// Runs trusted SQL text without parameters (DDL, pragmas).
    void exec_raw(std::string_view sql);
    /// Runs a query and reads every row, each column as `kinds[i]`.
    std::vector<Row> query(const SqlFragment& query, const std::vector<ReadKind>& kinds);
    /// The first row of a query, if any.
    std::optional<Row> query_one(const SqlFragment& query, const std::vector<ReadKind>& kinds);
    /// The first column of the first row as an integer, if any and not null.
    std::optional<std::int64_t> query_int(const SqlFragment& query);

private:
    soci::session& session_;
    const Dialect& dialect_;
};

}  // namespace orbita::kernel::storage
