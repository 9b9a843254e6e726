// SPDX-License-Identifier: Apache-2.0
// orbita.records: record access from Lua as the run-as user.
#pragma once

struct lua_State;

namespace orbita::kernel::lua {

/// Pushes the (unprotected) `records` table:
///   find(type, filter, opts) -> items, next_cursor
///       filter: {field = value, field = {op = value}} or a filter tree
///               ({and = {...}}, {field = "status", op = "eq", value = "new"});
///       opts: {sort = "-id", limit = 50, cursor = "...", archived = "active|archived|all"}
///   get(type, id) -> record            create(type, fields) -> record
///   update(type, id, fields, {version = n}) -> record
///   archive(type, id) -> record        move(type, id, stage): not available yet
/// Every call goes through RecordRepository as the run's actor: the same scopes,
/// hidden fields, validation and history as the REST API. Refusals (not found or not
/// visible, forbidden, invalid) are Lua errors carrying the repository's message.
/// Writes are reported as effects (created records, changed fields with old and new
/// values, archived records).
class RecordsBinding {
public:
    static void push(lua_State* L);
};

}  // namespace orbita::kernel::lua
