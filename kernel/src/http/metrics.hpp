// SPDX-License-Identifier: Apache-2.0
// Counters and histograms rendered in the Prometheus text format at /metrics.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace orbita::kernel::http {

/// A monotonically increasing counter. Updating it is one relaxed atomic add.
class Counter {
public:
    void add(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
    std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

private:
    std::atomic<std::uint64_t> value_{0};
};

/// A latency histogram with fixed buckets (seconds).
class Histogram {
public:
    static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                        0.05,   0.1,   0.25,   0.5,   1.0,  5.0};
    void observe(double seconds);
    std::string render(const std::string& name, const std::string& labels) const;

private:
    std::array<std::atomic<std::uint64_t>, kBuckets.size()> counts_{};
    std::atomic<std::uint64_t> count_{0};
    std::atomic<std::uint64_t> sum_micros_{0};
};

/// Named metric families. Metrics are created once (registration) and then only
/// updated; `render` walks them all.
class Metrics {
public:
    /// The counter `name{labels}`; created on first use, the reference stays valid.
    Counter& counter(const std::string& name, const std::string& help, const std::string& labels = "");
    Histogram& histogram(const std::string& name, const std::string& help, const std::string& labels = "");
    /// Prometheus text exposition format 0.0.4.
    std::string render() const;

private:
    struct Family {
        std::string help;
        std::string type;
        std::map<std::string, Counter*> counters;
        std::map<std::string, Histogram*> histograms;
    };
    mutable std::mutex mutex_;
    std::map<std::string, Family> families_;
    std::deque<Counter> counter_storage_;
    std::deque<Histogram> histogram_storage_;
};

}  // namespace orbita::kernel::http
