// SPDX-License-Identifier: Apache-2.0
// The `orbita` executable: everything happens in run_cli.
#include "app/cli.hpp"

int main(int argc, char** argv) {
    return orbita::kernel::run_cli(std::vector<std::string>(argv + 1, argv + argc));
}
