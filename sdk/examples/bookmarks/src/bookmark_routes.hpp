// SPDX-License-Identifier: Apache-2.0
// The REST routes of the bookmarks plugin: JSON in, JSON out, through sdk::Records.
#pragma once

#include <orbita/sdk/events.hpp>
#include <orbita/sdk/http.hpp>

#include <atomic>
#include <string>
#include <vector>

namespace orbita::plugins::bookmarks {

/// Handlers for /api/v1/bookmarks/...; `created` is the count kept by the event
/// subscriber; `events` raises bookmarks.visited.
class BookmarkRoutes {
public:
    BookmarkRoutes(const std::atomic<long>& created, std::vector<std::string> allowed_schemes, sdk::EventPublisher& events)
        : created_(created), allowed_schemes_(std::move(allowed_schemes)), events_(events) {}

    /// GET /api/v1/bookmarks/stats: bookmarks created since start and in total.
    sdk::Response stats(const sdk::Request& request) const;
    /// POST /api/v1/bookmarks/{id}/visit: counts a visit; answers the normalised URL. For a
    /// bookmark saved for a record, raises bookmarks.visited about that record.
    sdk::Response visit(const sdk::Request& request) const;
    /// POST /api/v1/bookmarks/{id}/pin: needs the `bookmarks` / `curate` permission.
    sdk::Response pin(const sdk::Request& request) const;

private:
    const std::atomic<long>& created_;
    std::vector<std::string> allowed_schemes_;
    sdk::EventPublisher& events_;
};

}  // namespace orbita::plugins::bookmarks
