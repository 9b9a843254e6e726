// SPDX-License-Identifier: Apache-2.0
// Migration kernel/0006_processes: in-app notifications and durable process instances.
#pragma once

#include <string>
#include <vector>

namespace orbita::kernel::storage {
class Dialect;
}

namespace orbita::kernel::processes {

/// The statements of kernel/0006_processes (listed in storage/kernel_migrations.cpp).
std::vector<std::string> process_tables(const storage::Dialect& d);

}  // namespace orbita::kernel::processes
