// SPDX-License-Identifier: Apache-2.0
// [snippet:includes]
#include "bookmarks_plugin.hpp"

#include "url_rules.hpp"

#include <orbita/sdk/entry_point.hpp>
// [end-snippet]

namespace orbita::plugins::bookmarks {

namespace {

// The entity type, in the same JSON format as *.entity.json files.
const char* kBookmarkType = R"({
  "name": "bookmark",
  "label": {"en": "Bookmark", "ru": "Закладка"},
  "fields": [
    {"name": "title", "type": "string", "required": true, "label": {"en": "Title", "ru": "Название"}},
    {"name": "url", "type": "string", "required": true, "label": {"en": "URL", "ru": "Адрес"}},
    {"name": "visits", "type": "int", "default": 0, "label": {"en": "Visits", "ru": "Переходы"}},
    {"name": "pinned", "type": "bool", "default": false, "label": {"en": "Pinned", "ru": "Закреплена"}},
    {"name": "about_type", "type": "string", "max_length": 40, "label": {"en": "Saved for: type", "ru": "Для: тип"}},
    {"name": "about_id", "type": "int", "label": {"en": "Saved for: id", "ru": "Для: номер"}}
  ]
})";

// `orbita demo-data` content: two bookmarks, added once (the provider must be idempotent).
sdk::Result<void> install_demo_bookmarks(sdk::Records& records) {
    auto existing = records.list("bookmark", {{"filter[title]", "Orbita SDK"}, {"limit", "1"}});
    if (!existing.ok()) return existing.error();
    if (!existing.value()["items"].empty()) return {};
    for (const auto& [title, url] : {std::pair{"Orbita SDK", "https://example.org/orbita/sdk"},
                                     std::pair{"Производственный календарь", "https://example.org/calendar"}}) {
        auto created = records.create("bookmark", {{"title", title}, {"url", url}, {"pinned", true}});
        if (!created.ok()) return created.error();
    }
    return {};
}

// Stops at the first failed registration: the kernel then drops all of them.
#define BOOKMARKS_TRY(expr)                      \
    if (auto result_ = (expr); !result_.ok()) return result_.error()

}  // namespace

// [snippet:initialize]
sdk::Result<void> BookmarksPlugin::initialize(sdk::PluginContext& ctx) {
    // The kernel validated this section against config.schema.json before any plugin ran.
    auto schemes = ctx.config().value("allowed_schemes", std::vector<std::string>{"http", "https"});
    routes_ = std::make_unique<BookmarkRoutes>(created_, schemes, ctx.events().publisher());

    BOOKMARKS_TRY(ctx.entities().add(nlohmann::json::parse(kBookmarkType)));
    BOOKMARKS_TRY(ctx.permissions().declare({"bookmarks", {"curate"}, "Pin bookmarks for everyone",
                                             {{"en", "Bookmarks"}, {"ru", "Закладки"}}}));
    BOOKMARKS_TRY(ctx.http().route({"GET", "/api/v1/bookmarks/stats", "Bookmark counts",
                                    [this](const sdk::Request& r) { return routes_->stats(r); }}));
    BOOKMARKS_TRY(ctx.http().route({"POST", "/api/v1/bookmarks/{id}/visit", "Count a visit",
                                    [this](const sdk::Request& r) { return routes_->visit(r); }}));
    BOOKMARKS_TRY(ctx.http().route({"POST", "/api/v1/bookmarks/{id}/pin", "Pin a bookmark",
                                    [this](const sdk::Request& r) { return routes_->pin(r); }}));
    BOOKMARKS_TRY(ctx.events().subscribe("record.created", [this](const sdk::Event& e) {
        if (e.entity_type == "bookmark") ++created_;
    }));
    BOOKMARKS_TRY(ctx.robot_actions().add({"bookmarks.normalize_url", "Normalise a URL",
        {{"type", "object"}, {"required", {"url"}}, {"properties", {{"url", {{"type", "string"}}}}}},
        [schemes](const nlohmann::json& input, sdk::CallContext&) -> sdk::Result<nlohmann::json> {
            auto url = normalize_url(input["url"].get<std::string>(), schemes);
            if (!url.ok()) return url.error();
            return nlohmann::json{{"url", url.value()}};
        }}));
    BOOKMARKS_TRY(ctx.demo_data().add({"two pinned bookmarks", install_demo_bookmarks}));
    return add_automation(ctx, schemes);
}
// [end-snippet]

// [snippet:automation]
// A robot action robots can run ("save a link to the offer for this deal") and a trigger
// source ("the client opened it"): visiting a bookmark saved for a record raises
// bookmarks.visited about that record, and triggers attached to this source move it.
sdk::Result<void> BookmarksPlugin::add_automation(sdk::PluginContext& ctx, std::vector<std::string> schemes) {
    BOOKMARKS_TRY(ctx.robot_actions().add({"bookmarks.save_link", "Save a link for the robot's record",
        {{"type", "object"}, {"required", {"url", "title"}}, {"additionalProperties", false},
         {"properties", {{"url", {{"type", "string"}}}, {"title", {{"type", "string"}}},
                         {"about_type", {{"type", "string"}}}, {"about_id", {{"type", "integer"}}}}}},
        [schemes](const nlohmann::json& input, sdk::CallContext& call) -> sdk::Result<nlohmann::json> {
            auto url = normalize_url(input["url"].get<std::string>(), schemes);
            if (!url.ok()) return url.error();
            nlohmann::json fields = {{"title", input["title"]}, {"url", url.value()}};
            for (const char* key : {"about_type", "about_id"}) {
                if (input.contains(key)) fields[key] = input[key];
            }
            auto saved = call.records.create("bookmark", fields);  // as the robot's run-as user
            if (!saved.ok()) return saved.error();
            return nlohmann::json{{"bookmark_id", saved.value()["id"]}};
        }}));
    BOOKMARKS_TRY(ctx.triggers().add({"bookmarks.visited", "A bookmark saved for the record was opened", "bookmarks.visited"}));
    return {};
}
// [end-snippet]

}  // namespace orbita::plugins::bookmarks

// [snippet:entry]
ORBITA_PLUGIN(orbita::plugins::bookmarks::BookmarksPlugin)
// [end-snippet]
