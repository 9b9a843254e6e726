// SPDX-License-Identifier: Apache-2.0
// The `orbita` command line.
#pragma once

#include <string>
#include <vector>

namespace orbita::kernel {

/// Runs `orbita <args>`; answers the process exit code (0 success, 1 failure,
/// 2 usage or configuration error).
int run_cli(const std::vector<std::string>& args);

}  // namespace orbita::kernel
