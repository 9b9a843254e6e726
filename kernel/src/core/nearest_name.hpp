// SPDX-License-Identifier: Apache-2.0
// "Did you mean ...?" hints for unknown keys, fields, commands and plugin ids.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orbita::kernel {

/// Edit distance over bytes (Levenshtein, an adjacent transposition counting as one
/// edit); names here are ASCII identifiers.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `name`, if it is close enough to be a plausible typo
/// (distance at most a third of the name's length, and at least 1 allowed).
std::optional<std::string> nearest_name(std::string_view name, const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" or an empty string: ready to append to a message.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace orbita::kernel
