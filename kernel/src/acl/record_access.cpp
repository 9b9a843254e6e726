// SPDX-License-Identifier: Apache-2.0
#include "acl/record_access.hpp"

namespace orbita::kernel::acl {

using storage::SqlFragment;

std::string RecordAccess::owner_column(const entity::EntityType& type) {
    if (type.name() == "user") return "id";
    auto it = type.roles.find("owner");
    return it == type.roles.end() ? "created_by" : it->second;
}

std::optional<std::string> RecordAccess::department_column(const entity::EntityType& type) {
    if (type.name() == "department") return "id";
    auto it = type.roles.find("department");
    if (it == type.roles.end()) return std::nullopt;
    return it->second;
}

namespace {

/// `column IN (ids...)`, or `column IN <walk>` when the ids were not inlined.
SqlFragment member_of(const std::string& column, const std::vector<std::int64_t>& ids, SqlFragment walk) {
    if (ids.empty()) return SqlFragment(column + " IN ").append(walk);
    if (ids.size() == 1) return SqlFragment(column + " = ").bind(ids.front());
    SqlFragment out(column + " IN (");
    for (std::size_t i = 0; i < ids.size(); ++i) out.sql(i ? ", " : "").bind(ids[i]);
    return out.sql(")");
}

}  // namespace

SqlFragment RecordAccess::scope_predicate(const AccessProfile& p, const entity::EntityType& type, Scope scope,
                                          const std::string& alias) const {
    const std::string owner = alias + "." + dialect_.quote(owner_column(type));
    if (scope == Scope::Own) return SqlFragment(owner + " = ").bind(p.user_id);
    // The user and everyone below them in the manager chain.
    SqlFragment walk_team("(WITH RECURSIVE team(id) AS (SELECT CAST(");
    walk_team.bind(p.user_id).sql(" AS BIGINT) UNION SELECT u.\"id\" FROM \"user\" u JOIN team ON u.\"manager\" = team.id)"
                                  " SELECT id FROM team)");
    SqlFragment team = member_of(owner, p.team_ids, std::move(walk_team));
    if (scope == Scope::Subordinates || p.department_id == 0) return team;
    // The user's department and every department below it.
    SqlFragment walk_tree("(WITH RECURSIVE tree(id) AS (SELECT CAST(");
    walk_tree.bind(p.department_id).sql(" AS BIGINT) UNION SELECT c.\"id\" FROM \"department\" c JOIN tree ON c.\"parent\" = tree.id)"
                                        " SELECT id FROM tree)");
    SqlFragment out("(");
    out.append(team).sql(" OR ");
    if (auto dept = department_column(type)) {
        out.append(member_of(alias + "." + dialect_.quote(*dept), p.department_tree_ids, std::move(walk_tree)));
    } else {
        out.append(member_of(owner + " IN (SELECT u.\"id\" FROM \"user\" u WHERE u.\"department\"", p.department_tree_ids,
                             std::move(walk_tree)))
            .sql(")");
    }
    return out.sql(")");
}

RowAccess RecordAccess::rows(const AccessProfile& p, const entity::EntityType& type, const std::string& operation,
                             const std::string& alias) const {
    RowAccess access;
    if (p.administrator || p.system) {
        access.any = true;
        return access;
    }
    const Scope scope = p.scope(type.name(), operation);
    const bool reading = operation == kRead || operation == kExport;
    std::vector<VisibilityRule> grants, restricts;
    if (reading) {
        for (auto& rule : permissions_.rules_for(type.name())) {
            (rule.effect == VisibilityRule::Effect::Grant ? grants : restricts).push_back(std::move(rule));
        }
    }
    if (scope == Scope::None && grants.empty()) return access;
    access.any = true;

    SqlFragment visible;
    if (scope != Scope::All) {
        visible.sql("(");
        bool first = true;
        if (scope != Scope::None) {
            visible.append(scope_predicate(p, type, scope, alias));
            first = false;
        }
        for (const auto& rule : grants) {
            auto predicate = rule.predicate(p, alias);
            if (predicate.empty()) continue;
            visible.sql(first ? "" : " OR ").append(predicate);
            first = false;
        }
        if (first) visible.sql("1 = 0");
        visible.sql(")");
    }
    for (const auto& rule : restricts) {
        auto predicate = rule.predicate(p, alias);
        if (!visible.empty()) visible.sql(" AND ");
        visible.append(predicate.empty() ? SqlFragment("1 = 0") : predicate);
    }
    access.predicate = std::move(visible);
    return access;
}

}  // namespace orbita::kernel::acl
