// SPDX-License-Identifier: Apache-2.0
// Files compiled into the kernel: JSON schemas and built-in entity types.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace orbita::kernel {

/// The content of an embedded file by its source path ("schemas/config.schema.json",
/// "kernel/types/user.entity.json"); throws std::out_of_range if unknown. Embedding
/// keeps the binary self-contained: nothing needs to be found on disk at start.
std::string_view resource(std::string_view name);
/// Names of embedded files starting with `prefix`.
std::vector<std::string> resource_names(std::string_view prefix);

}  // namespace orbita::kernel
