// SPDX-License-Identifier: Apache-2.0
#include "entity/type_registry.hpp"

#include "core/nearest_name.hpp"
#include "core/problem.hpp"

#include <stdexcept>

namespace orbita::kernel::entity {

TypeRegistry::TypeRegistry() : types_(std::make_shared<Map>()) {}

std::shared_ptr<const TypeRegistry::Map> TypeRegistry::snapshot() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return types_;
}

void TypeRegistry::add(EntityTypePtr type) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = types_->find(type->name());
    if (it != types_->end()) {
        throw std::invalid_argument("entity type '" + type->name() + "' of " + type->owner +
                                    " is already declared by " + it->second->owner);
    }
    auto next = std::make_shared<Map>(*types_);
    (*next)[type->name()] = std::move(type);
    types_ = std::move(next);
    ++version_;
}

void TypeRegistry::replace(EntityTypePtr type) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto next = std::make_shared<Map>(*types_);
    (*next)[type->name()] = std::move(type);
    types_ = std::move(next);
    ++version_;
}

EntityTypePtr TypeRegistry::find(const std::string& name) const {
    auto map = snapshot();
    auto it = map->find(name);
    return it == map->end() ? nullptr : it->second;
}

EntityTypePtr TypeRegistry::get(const std::string& name) const {
    auto map = snapshot();
    auto it = map->find(name);
    if (it != map->end()) return it->second;
    std::vector<std::string> names;
    for (const auto& [n, t] : *map) names.push_back(n);
    throw Problem::not_found("unknown entity type '" + name + "'" + did_you_mean(name, names));
}

std::vector<EntityTypePtr> TypeRegistry::all() const {
    auto map = snapshot();
    std::vector<EntityTypePtr> out;
    for (const auto& [n, t] : *map) out.push_back(t);
    return out;
}

std::vector<std::string> TypeRegistry::check_references() const {
    auto map = snapshot();
    std::vector<std::string> names;
    for (const auto& [n, t] : *map) names.push_back(n);
    std::vector<std::string> problems;
    for (const auto& [name, type] : *map) {
        for (const auto& f : type->fields()) {
            if ((f.type == FieldType::Ref || f.type == FieldType::Refs) && !map->count(f.target)) {
                problems.push_back(type->owner + ": entity type '" + name + "', field '" + f.name +
                                   "': target type '" + f.target + "' is not declared" +
                                   did_you_mean(f.target, names));
            }
        }
    }
    return problems;
}

std::uint64_t TypeRegistry::version() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return version_;
}

}  // namespace orbita::kernel::entity
