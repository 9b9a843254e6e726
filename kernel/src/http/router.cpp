// SPDX-License-Identifier: Apache-2.0
#include "http/router.hpp"

#include <stdexcept>

namespace orbita::kernel::http {

namespace {

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> out;
    std::size_t start = 1;
    while (start <= path.size()) {
        auto slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        out.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return out;
}

bool is_param(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

constexpr std::size_t kAreaSegments = 3;

// "api/v1/records" for the first three segments, or "" when there are fewer or one is
// a parameter (request paths never hold parameters).
std::string area_of(const std::vector<std::string>& segments) {
    if (segments.size() < kAreaSegments) return {};
    std::string key;
    for (std::size_t i = 0; i < kAreaSegments; ++i) {
        if (is_param(segments[i])) return {};
        key += segments[i];
        key += '/';
    }
    return key;
}

}  // namespace

void Router::add(Route route) {
    for (const auto& existing : routes_) {
        if (existing->method == route.method && existing->pattern == route.pattern) {
            throw std::invalid_argument("route " + route.method + " " + route.pattern + " of " + route.owner +
                                        " is already registered by " + existing->owner);
        }
    }
    route.segments = split_path(route.pattern);
    const std::string labels = "method=\"" + route.method + "\",route=\"" + route.pattern + "\"";
    const char* help = "HTTP requests by route and status class";
    route.requests_2xx = &metrics_.counter("orbita_http_requests_total", help, labels + ",status=\"2xx\"");
    route.requests_4xx = &metrics_.counter("orbita_http_requests_total", help, labels + ",status=\"4xx\"");
    route.requests_5xx = &metrics_.counter("orbita_http_requests_total", help, labels + ",status=\"5xx\"");
    route.latency = &metrics_.histogram("orbita_http_request_duration_seconds", "HTTP request latency", labels);
    routes_.push_back(std::make_unique<Route>(std::move(route)));
    const Ranked ranked{routes_.size() - 1, routes_.back().get()};
    const auto area = area_of(ranked.second->segments);
    (area.empty() ? anywhere_ : by_area_[area]).push_back(ranked);
}

Match Router::match(const std::string& method, const std::string& path,
                    std::map<std::string, std::string>& params) const {
    // The most specific route wins: ".../{type}/aggregate" beats ".../{type}/{id}".
    Match result;
    const auto segments = split_path(path);
    static const std::vector<Ranked> none;
    const auto area = by_area_.find(area_of(segments));
    const auto& local = area == by_area_.end() ? none : area->second;
    int best_score = -1;
    // The candidates of the path's area and those of every area, in registration order.
    for (std::size_t l = 0, a = 0; l < local.size() || a < anywhere_.size();) {
        const bool take_local = a == anywhere_.size() || (l < local.size() && local[l].first < anywhere_[a].first);
        const Route* route = take_local ? local[l++].second : anywhere_[a++].second;
        if (route->segments.size() != segments.size()) continue;
        bool ok = true;
        int score = 0;
        for (std::size_t i = 0; i < segments.size() && ok; ++i) {
            if (is_param(route->segments[i])) {
                ok = !segments[i].empty();
            } else {
                ok = route->segments[i] == segments[i];
                ++score;
            }
        }
        if (!ok) continue;
        if (route->method != method && !(method == "HEAD" && route->method == "GET")) {
            result.path_known = true;
            result.allowed.push_back(route->method);
            continue;
        }
        if (score > best_score) {
            best_score = score;
            result.route = route;
        }
    }
    if (result.route) {
        for (std::size_t i = 0; i < segments.size(); ++i) {
            const auto& seg = result.route->segments[i];
            if (is_param(seg)) params[seg.substr(1, seg.size() - 2)] = segments[i];
        }
    }
    return result;
}

}  // namespace orbita::kernel::http
