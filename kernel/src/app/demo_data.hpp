// SPDX-License-Identifier: Apache-2.0
// `orbita demo-data`: a realistic Russian-language company to try Orbita with.
#pragma once

#include <cstdint>

namespace orbita::kernel {

class Kernel;

/// What the demo data installer did.
struct DemoDataReport {
    bool already_installed = false;
    int departments = 0;
    int users = 0;
    std::int64_t tickets = 0;
    std::string password;  ///< the demo users' password, when this run created them
};

/// The file in the data directory that keeps the demo users' password (mode 0600).
inline constexpr const char* kDemoCredentialsFile = "demo-credentials.txt";

/// Installs the demo entity type (`ticket`, copied into <data_dir>/types so `serve`
/// loads it), departments, roles (head, manager, employee; plus the built-in
/// administrator and auditor), users for each with one random password, and `tickets`
/// demo tickets.
/// Idempotent: a second run adds nothing unless `extra_tickets_only` asks for more
/// tickets (benchmarks seed large tables this way). Deterministic: the same seed
/// gives the same data.
DemoDataReport install_demo_data(Kernel& kernel, std::int64_t tickets, bool extra_tickets_only = false);

}  // namespace orbita::kernel
