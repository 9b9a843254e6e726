// SPDX-License-Identifier: Apache-2.0
// The kernel's own tables (entity tables come from entity type declarations).
#pragma once

#include "storage/migration.hpp"

#include <vector>

namespace orbita::kernel::storage {

/// Every kernel migration, oldest first. Append only: never edit a released one.
const std::vector<Migration>& kernel_migrations();

}  // namespace orbita::kernel::storage
