// SPDX-License-Identifier: Apache-2.0
#include "support/cli_capture.hpp"

#include "app/cli.hpp"

#include <iostream>
#include <sstream>

namespace orbita::test {

CliOutcome run_cli_captured(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    auto* old_out = std::cout.rdbuf(out.rdbuf());
    auto* old_err = std::cerr.rdbuf(err.rdbuf());
    CliOutcome outcome;
    try {
        outcome.code = kernel::run_cli(args);
    } catch (...) {
        std::cout.rdbuf(old_out);
        std::cerr.rdbuf(old_err);
        throw;
    }
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    outcome.out = out.str();
    outcome.err = err.str();
    return outcome;
}

}  // namespace orbita::test
