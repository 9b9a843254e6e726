// SPDX-License-Identifier: Apache-2.0
// `orbita user add|password`: the first administrator, and password resets from a shell.
#pragma once

#include <string>
#include <vector>

namespace orbita::kernel {

class Kernel;

/// Runs `orbita user <args>` on an opened kernel; answers the exit code.
///   user add --login L --role R [--role R2] [--full-name NAME] [--email E] --password-stdin
///   user password --login L --password-stdin
/// The password is read from standard input (one line) so it never appears in the
/// process list or shell history.
int run_user_command(Kernel& kernel, const std::vector<std::string>& args);

}  // namespace orbita::kernel
