// SPDX-License-Identifier: Apache-2.0
// One recorded schema change.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace orbita::kernel::storage {

class Dialect;

/// A schema change identified by `<owner>/<NNNN>_<name>` (for example
/// `kernel/0001_core`). `statements` renders its DDL for the active dialect, so one
/// definition serves SQLite and PostgreSQL.
struct Migration {
    std::string id;
    std::string description;
    std::function<std::vector<std::string>(const Dialect&)> statements;
};

}  // namespace orbita::kernel::storage
