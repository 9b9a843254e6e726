// SPDX-License-Identifier: Apache-2.0
#include "lua/records_binding.hpp"

#include "lua/binding.hpp"
#include "lua/lua_extensions.hpp"
#include "records/list_query.hpp"
#include "records/record_repository.hpp"

#include <algorithm>
#include <stdexcept>

namespace orbita::kernel::lua {

namespace {

std::string type_arg(lua_State* L, int index) {
    if (lua_type(L, index) != LUA_TSTRING) throw std::invalid_argument("argument #" + std::to_string(index) + ": entity type name expected");
    return lua_tostring(L, index);
}

std::int64_t id_arg(lua_State* L, int index) {
    if (!lua_isinteger(L, index)) throw std::invalid_argument("argument #" + std::to_string(index) + ": record id (integer) expected");
    return lua_tointeger(L, index);
}

nlohmann::json table_arg(lua_State* L, int index, const char* what) {
    if (lua_isnoneornil(L, index)) return nlohmann::json::object();
    if (!lua_istable(L, index)) throw std::invalid_argument("argument #" + std::to_string(index) + ": " + what + " table expected");
    auto j = LuaValue::to_json(L, index);
    if (!j.is_object()) throw std::invalid_argument("argument #" + std::to_string(index) + ": " + what + " must have named keys");
    return j;
}

// {status = "new", amount = {gt = 5}} -> {"and": [{field, op, value}, ...]}; trees pass as they are.
nlohmann::json filter_tree(const nlohmann::json& filter) {
    if (filter.empty() || filter.contains("and") || filter.contains("or") || filter.contains("not") ||
        filter.contains("field")) {
        return filter;
    }
    nlohmann::json all = nlohmann::json::array();
    for (auto it = filter.begin(); it != filter.end(); ++it) {
        if (it->is_object()) {
            for (auto op = it->begin(); op != it->end(); ++op) all.push_back({{"field", it.key()}, {"op", op.key()}, {"value", *op}});
        } else {
            all.push_back({{"field", it.key()}, {"op", "eq"}, {"value", *it}});
        }
    }
    return {{"and", std::move(all)}};
}

int records_find(lua_State* L) {
    return call_guarded(L, [L](RunState& run) -> Values {
        const auto type = type_arg(L, 1);
        const auto filter = table_arg(L, 2, "filter");
        const auto opts = table_arg(L, 3, "options");
        auto& repo = run.services().records;
        records::ListQuery query;
        query.selection.filter = filter.empty() ? nlohmann::json(nullptr) : filter_tree(filter);
        query.sort = opts.value("sort", std::string("-id"));
        query.limit = std::clamp(opts.value("limit", 50), 1, repo.options().max_page_size);
        query.cursor = opts.value("cursor", std::string());
        const auto archived = opts.value("archived", std::string("active"));
        if (archived == "archived") {
            query.selection.archived = records::ArchiveFilter::Archived;
        } else if (archived == "all") {
            query.selection.archived = records::ArchiveFilter::All;
        } else if (archived != "active") {
            throw std::invalid_argument("options.archived must be \"active\", \"archived\" or \"all\"");
        }
        auto page = repo.list(run.context().actor, type, query);
        return {std::move(page.items), page.next_cursor ? nlohmann::json(*page.next_cursor) : nlohmann::json(nullptr)};
    });
}

int records_get(lua_State* L) {
    return call_guarded(L, [L](RunState& run) -> Values {
        return {run.services().records.get(run.context().actor, type_arg(L, 1), id_arg(L, 2))};
    });
}

int records_create(lua_State* L) {
    return call_guarded(L, [L](RunState& run) -> Values {
        const auto type = type_arg(L, 1);
        auto stored = run.services().records.create(run.context().actor, type, table_arg(L, 2, "fields"));
        run.add_effect({{"kind", "record.created"}, {"type", type}, {"id", stored.value("id", std::int64_t{0})}, {"record", stored}});
        return {std::move(stored)};
    });
}

int records_update(lua_State* L) {
    return call_guarded(L, [L](RunState& run) -> Values {
        const auto type = type_arg(L, 1);
        const auto id = id_arg(L, 2);
        const auto fields = table_arg(L, 3, "fields");
        const auto opts = table_arg(L, 4, "options");
        auto& repo = run.services().records;
        const auto& actor = run.context().actor;
        // Read first (as the actor, so invisible records stay invisible) to report the
        // old values of the changed fields.
        const auto before = repo.get(actor, type, id);
        auto after = opts.contains("version") ? repo.update(actor, type, id, fields, opts["version"].get<std::int64_t>())
                                              : repo.update(actor, type, id, fields, std::nullopt, true);
        nlohmann::json changes = nlohmann::json::array();
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            const auto old_value = before.value(it.key(), nlohmann::json());
            const auto new_value = after.value(it.key(), nlohmann::json());
            if (old_value != new_value) changes.push_back({{"field", it.key()}, {"old", old_value}, {"new", new_value}});
        }
        run.add_effect({{"kind", "record.updated"}, {"type", type}, {"id", id}, {"changes", std::move(changes)}});
        return {std::move(after)};
    });
}

int records_archive(lua_State* L) {
    return call_guarded(L, [L](RunState& run) -> Values {
        const auto type = type_arg(L, 1);
        const auto id = id_arg(L, 2);
        auto stored = run.services().records.archive(run.context().actor, type, id);
        run.add_effect({{"kind", "record.archived"}, {"type", type}, {"id", id}});
        return {std::move(stored)};
    });
}

// Provided by the pipelines module through the extension point "records.move", which
// checks the stage against the record's pipeline and reports the record.moved effect.
int records_move(lua_State* L) {
    return call_guarded(L, [L](RunState& run) -> Values {
        auto fn = run.services().extensions->find("records.move");
        if (!fn) throw std::runtime_error(LuaExtensions::not_available("records.move"));
        nlohmann::json args = {type_arg(L, 1), id_arg(L, 2)};
        if (lua_type(L, 3) != LUA_TSTRING) throw std::invalid_argument("argument #3: stage key expected");
        args.push_back(lua_tostring(L, 3));
        if (!lua_isnoneornil(L, 4)) {
            if (lua_type(L, 4) != LUA_TSTRING) throw std::invalid_argument("argument #4: pipeline key expected");
            args.push_back(lua_tostring(L, 4));
        }
        return fn(run, args);
    });
}

}  // namespace

void RecordsBinding::push(lua_State* L) {
    const luaL_Reg functions[] = {{"find", records_find}, {"get", records_get}, {"create", records_create}, {"update", records_update},
                                  {"archive", records_archive}, {"move", records_move}, {nullptr, nullptr}};
    luaL_newlib(L, functions);
}

}  // namespace orbita::kernel::lua
