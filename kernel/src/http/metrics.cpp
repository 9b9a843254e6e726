// SPDX-License-Identifier: Apache-2.0
#include "http/metrics.hpp"

#include <cstdio>

namespace orbita::kernel::http {

void Histogram::observe(double seconds) {
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) {
            counts_[i].fetch_add(1, std::memory_order_relaxed);
            break;
        }
    }
    count_.fetch_add(1, std::memory_order_relaxed);
    sum_micros_.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::string Histogram::render(const std::string& name, const std::string& labels) const {
    std::string out;
    std::uint64_t cumulative = 0;
    const std::string sep = labels.empty() ? "" : labels + ",";
    char le[32];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += counts_[i].load(std::memory_order_relaxed);
        std::snprintf(le, sizeof le, "%g", kBuckets[i]);
        out += name + "_bucket{" + sep + "le=\"" + le + "\"} " + std::to_string(cumulative) + "\n";
    }
    const auto count = count_.load(std::memory_order_relaxed);
    out += name + "_bucket{" + sep + "le=\"+Inf\"} " + std::to_string(count) + "\n";
    char sum[64];
    std::snprintf(sum, sizeof sum, "%.6f", static_cast<double>(sum_micros_.load(std::memory_order_relaxed)) / 1e6);
    const std::string braces = labels.empty() ? "" : "{" + labels + "}";
    out += name + "_sum" + braces + " " + sum + "\n";
    out += name + "_count" + braces + " " + std::to_string(count) + "\n";
    return out;
}

Counter& Metrics::counter(const std::string& name, const std::string& help, const std::string& labels) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& family = families_[name];
    family.help = help;
    family.type = "counter";
    auto it = family.counters.find(labels);
    if (it != family.counters.end()) return *it->second;
    Counter& c = counter_storage_.emplace_back();
    family.counters[labels] = &c;
    return c;
}

Histogram& Metrics::histogram(const std::string& name, const std::string& help, const std::string& labels) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& family = families_[name];
    family.help = help;
    family.type = "histogram";
    auto it = family.histograms.find(labels);
    if (it != family.histograms.end()) return *it->second;
    Histogram& h = histogram_storage_.emplace_back();
    family.histograms[labels] = &h;
    return h;
}

std::string Metrics::render() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string out;
    for (const auto& [name, family] : families_) {
        out += "# HELP " + name + " " + family.help + "\n# TYPE " + name + " " + family.type + "\n";
        for (const auto& [labels, c] : family.counters) {
            out += name + (labels.empty() ? "" : "{" + labels + "}") + " " + std::to_string(c->value()) + "\n";
        }
        for (const auto& [labels, h] : family.histograms) out += h->render(name, labels);
    }
    return out;
}

}  // namespace orbita::kernel::http
