// SPDX-License-Identifier: Apache-2.0
// The records API's date and date-time text, to and from std::chrono.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace orbita::plugins::crm {

/// "2026-11-23T09:30:00Z" (fractions and a "+00:00" zone accepted; other zones
/// are refused, since the records API answers UTC) -> seconds since the epoch.
std::optional<std::chrono::sys_seconds> parse_datetime(const std::string& text);
/// Seconds since the epoch -> "2026-11-23T09:30:00Z".
std::string format_datetime(std::chrono::sys_seconds t);
/// "2026-11-23" -> that day.
std::optional<std::chrono::sys_days> parse_date(const std::string& text);

}  // namespace orbita::plugins::crm
