// SPDX-License-Identifier: Apache-2.0
#include "bookmark_routes.hpp"

#include "url_rules.hpp"

namespace orbita::plugins::bookmarks {

namespace {
std::int64_t id_of(const sdk::Request& request) { return std::stoll(request.params.at("id")); }
}  // namespace

sdk::Response BookmarkRoutes::stats(const sdk::Request& request) const {
    auto page = request.records.list("bookmark", {{"limit", "1"}, {"count", "true"}});
    if (!page.ok()) return sdk::Response::from_error(page.error());
    return sdk::Response::json({{"created_since_start", created_.load()}, {"total", page.value().value("total", 0)}});
}

// [snippet:route]
sdk::Response BookmarkRoutes::visit(const sdk::Request& request) const {
    // Records are read and written with the caller's rights: a bookmark the caller may
    // not see answers 404 here exactly as in /api/v1/records.
    auto bookmark = request.records.get("bookmark", id_of(request));
    if (!bookmark.ok()) return sdk::Response::from_error(bookmark.error());
    auto url = normalize_url(bookmark.value()["url"].get<std::string>(), allowed_schemes_);
    if (!url.ok()) return sdk::Response::from_error(url.error());
    const auto visits = bookmark.value()["visits"].get<std::int64_t>() + 1;
    auto saved = request.records.update("bookmark", id_of(request), {{"visits", visits}},
                                        bookmark.value()["version"].get<std::int64_t>());
    if (!saved.ok()) return sdk::Response::from_error(saved.error());
    const auto& about = bookmark.value();
    if (about["about_type"].is_string() && about["about_id"].is_number_integer()) {
        auto raised = events_.publish({"bookmarks.visited", about["about_type"].get<std::string>(),
                                       about["about_id"].get<std::int64_t>(), {{"bookmark_id", id_of(request)}, {"visits", visits}}});
        if (!raised.ok()) return sdk::Response::from_error(raised.error());
    }
    return sdk::Response::json({{"url", url.value()}, {"visits", visits}});
}
// [end-snippet]

sdk::Response BookmarkRoutes::pin(const sdk::Request& request) const {
    if (!request.actor.can("bookmarks", "curate"))
        return sdk::Response::problem(403, "forbidden", "pinning bookmarks needs the bookmarks/curate permission");
    auto saved = request.records.update("bookmark", id_of(request), {{"pinned", true}}, 0);
    if (!saved.ok()) return sdk::Response::from_error(saved.error());
    return sdk::Response::json(saved.value());
}

}  // namespace orbita::plugins::bookmarks
