// SPDX-License-Identifier: Apache-2.0
// Running the `orbita` command line in-process with its output captured.
#pragma once

#include <string>
#include <vector>

namespace orbita::test {

/// Exit code and captured standard output and error of one command.
struct CliOutcome {
    int code = -1;
    std::string out;
    std::string err;
};

/// run_cli(args) with std::cout and std::cerr captured (restored even on exceptions).
CliOutcome run_cli_captured(const std::vector<std::string>& args);

}  // namespace orbita::test
