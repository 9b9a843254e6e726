// SPDX-License-Identifier: Apache-2.0
// The crm entity types, from types/*.entity.json (compiled in by CMake).
#pragma once

#include <vector>

namespace orbita::plugins::crm {

/// The JSON text of every crm entity type, each after the types it refers to (the
/// kernel checks references as each type is added).
const std::vector<const char*>& entity_declarations();

}  // namespace orbita::plugins::crm
