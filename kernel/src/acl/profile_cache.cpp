// SPDX-License-Identifier: Apache-2.0
#include "acl/profile_cache.hpp"

#include <set>

namespace orbita::kernel::acl {

using storage::ReadKind;
using storage::SqlFragment;

std::shared_ptr<const AccessProfile> ProfileCache::system_profile(const std::string& name) {
    auto p = std::make_shared<AccessProfile>();
    p->login = "system:" + name;
    p->system = true;
    return p;
}

std::shared_ptr<const AccessProfile> ProfileCache::get(std::int64_t user_id) {
    const auto now = std::chrono::steady_clock::now();
    std::uint64_t generation;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        generation = generation_;
        auto it = entries_.find(user_id);
        if (it != entries_.end() && it->second.generation == generation && now - it->second.loaded < ttl_)
            return it->second.profile;
    }
    auto profile = build(user_id);
    std::lock_guard<std::mutex> lock(mutex_);
    if (generation == generation_) entries_[user_id] = {profile, now, generation};
    return profile;
}

void ProfileCache::invalidate() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++generation_;
    entries_.clear();
}

std::vector<std::int64_t> ProfileCache::subtree(storage::Connection& conn, const std::string& table,
                                                const std::string& parent_column, std::int64_t root) {
    std::vector<std::int64_t> ids;
    for (auto& row : conn.query(SqlFragment("WITH RECURSIVE t(id) AS (SELECT CAST(")
                                    .bind(root)
                                    .sql(" AS BIGINT) UNION SELECT c.\"id\" FROM \"" + table + "\" c JOIN t ON c.\"" +
                                         parent_column + "\" = t.id) SELECT id FROM t ORDER BY id LIMIT ")
                                    .bind(static_cast<std::int64_t>(kMaxInlineIds + 1)),
                                {ReadKind::Int})) {
        ids.push_back(std::get<std::int64_t>(row[0]));
    }
    if (ids.size() > kMaxInlineIds) ids.clear();
    return ids;
}

std::shared_ptr<const AccessProfile> ProfileCache::build(std::int64_t user_id) {
    return db_.read([&](storage::Connection& conn) -> std::shared_ptr<const AccessProfile> {
        const auto& d = conn.dialect();
        auto user = conn.query_one(SqlFragment("SELECT login, department, " + d.select_expr("active", storage::ColumnType::Bool) +
                                               " FROM \"user\" WHERE id = ")
                                       .bind(user_id)
                                       .sql(" AND archived_at IS NULL"),
                                   {ReadKind::Text, ReadKind::Int, ReadKind::Int});
        if (!user || storage::is_null((*user)[2]) || std::get<std::int64_t>((*user)[2]) == 0) return nullptr;
        auto p = std::make_shared<AccessProfile>();
        p->user_id = user_id;
        p->login = std::get<std::string>((*user)[0]);
        p->department_id = storage::as_int((*user)[1]).value_or(0);
        p->team_ids = subtree(conn, "user", "manager", user_id);
        if (p->department_id != 0) p->department_tree_ids = subtree(conn, "department", "parent", p->department_id);

        std::vector<std::int64_t> role_ids;
        for (auto& row : conn.query(SqlFragment("SELECT r.id, r.name, r.builtin FROM roles r JOIN user_roles ur ON ur.role_id = r.id"
                                                " WHERE ur.user_id = ").bind(user_id).sql(" ORDER BY r.id"),
                                    {ReadKind::Int, ReadKind::Text, ReadKind::Text})) {
            const auto& name = std::get<std::string>(row[1]);
            role_ids.push_back(std::get<std::int64_t>(row[0]));
            p->roles.push_back(name);
            const std::string builtin = std::get<std::string>(row[2]);
            const bool is_builtin = builtin == "1" || builtin == "true" || builtin == "t";
            if (is_builtin && name == "administrator") p->administrator = true;
            if (is_builtin && name == "auditor") p->auditor = true;
        }
        // Roles combine by taking the widest scope of each (target, operation).
        std::map<std::int64_t, std::set<std::string>> reads;  // role -> types it may read
        for (auto role_id : role_ids) {
            for (auto& row : conn.query(SqlFragment("SELECT target, operation, scope FROM role_permissions WHERE role_id = ").bind(role_id),
                                        {ReadKind::Text, ReadKind::Text, ReadKind::Text})) {
                const auto scope = parse_scope(std::get<std::string>(row[2])).value_or(Scope::None);
                auto& slot = p->grants[{std::get<std::string>(row[0]), std::get<std::string>(row[1])}];
                slot = std::max(slot, scope);
                if (std::get<std::string>(row[1]) == kRead && scope != Scope::None) reads[role_id].insert(std::get<std::string>(row[0]));
            }
        }
        // A field stays restricted only if every role that can read the type restricts
        // it, and then at the mildest level any of them sets.
        std::map<std::string, std::map<std::string, std::map<std::int64_t, FieldAccess>>> rules;
        for (auto role_id : role_ids) {
            for (auto& row : conn.query(SqlFragment("SELECT entity_type, field, access FROM role_field_rules WHERE role_id = ").bind(role_id),
                                        {ReadKind::Text, ReadKind::Text, ReadKind::Text})) {
                rules[std::get<std::string>(row[0])][std::get<std::string>(row[1])][role_id] =
                    std::get<std::string>(row[2]) == "readonly" ? FieldAccess::ReadOnly : FieldAccess::Hidden;
            }
        }
        for (const auto& [type, fields] : rules) {
            std::vector<std::int64_t> relevant;
            for (auto role_id : role_ids) {
                if (reads[role_id].count(type)) relevant.push_back(role_id);
            }
            if (relevant.empty()) relevant = role_ids;
            for (const auto& [field, by_role] : fields) {
                bool all = true;
                FieldAccess mildest = FieldAccess::Hidden;
                for (auto role_id : relevant) {
                    auto it = by_role.find(role_id);
                    if (it == by_role.end()) {
                        all = false;
                        break;
                    }
                    if (it->second == FieldAccess::ReadOnly) mildest = FieldAccess::ReadOnly;
                }
                if (all) p->fields[type][field] = mildest;
            }
        }
        // Personal grants and denials win over the roles (seed 002).
        for (auto& row : conn.query(SqlFragment("SELECT target, operation, scope FROM user_overrides WHERE user_id = ").bind(user_id),
                                    {ReadKind::Text, ReadKind::Text, ReadKind::Text})) {
            const std::pair<std::string, std::string> key{std::get<std::string>(row[0]), std::get<std::string>(row[1])};
            p->grants[key] = parse_scope(std::get<std::string>(row[2])).value_or(Scope::None);
            p->overridden.insert(key);
        }
        return p;
    });
}

}  // namespace orbita::kernel::acl
