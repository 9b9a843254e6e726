// SPDX-License-Identifier: Apache-2.0
// Time as the kernel sees it: replaceable so tests can drive timers deterministically.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace orbita::kernel {

using TimePoint = std::chrono::system_clock::time_point;

/// Source of the current time. Every timestamp the kernel writes comes from here.
class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

/// Wall-clock time.
class SystemClock final : public Clock {
public:
    TimePoint now() const override { return std::chrono::system_clock::now(); }
};

/// A clock that moves only when told to (tests, dry runs).
class ManualClock final : public Clock {
public:
    explicit ManualClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
    TimePoint now() const override { return TimePoint(TimePoint::duration(now_.load())); }
    void set(TimePoint t) { now_ = t.time_since_epoch().count(); }
    void advance(std::chrono::milliseconds d) { now_ += std::chrono::duration_cast<TimePoint::duration>(d).count(); }

private:
    std::atomic<TimePoint::rep> now_;
};

/// "2024-03-15T09:30:00.000Z": the one stored and transmitted datetime format.
std::string format_utc(TimePoint t);
/// Parses ISO 8601 with a zone ("Z" or "+03:00"), seconds and fraction optional.
/// A value without a zone is rejected: the kernel never guesses a time zone.
std::optional<TimePoint> parse_iso_datetime(std::string_view text);
/// True for a real calendar date written "YYYY-MM-DD".
bool is_valid_iso_date(std::string_view text);
/// "HH:MM" or "HH:MM:SS" normalised to "HH:MM:SS"; empty when invalid.
std::optional<std::string> normalize_time_of_day(std::string_view text);

}  // namespace orbita::kernel
