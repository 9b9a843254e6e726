// SPDX-License-Identifier: Apache-2.0
#include "records/record_repository.hpp"

#include "core/problem.hpp"
#include "entity/schema_sync.hpp"
#include "records/filter_compiler.hpp"
#include "records/history_store.hpp"
#include "records/integrity_checks.hpp"
#include "records/record_input.hpp"
#include "records/record_writer.hpp"
#include "records/search_document.hpp"
#include "records/sql_errors.hpp"
#include "acl/scope.hpp"

namespace orbita::kernel::records {

using storage::SqlFragment;

namespace {
// Thrown inside an unconditional update that lost a race; the caller tries again.
struct RaceLost {};
}  // namespace

RecordRepository::RecordRepository(storage::Database& db, entity::TypeRegistry& registry,
                                   const entity::ValueCodec& codec, events::EventBus& events, const Clock& clock,
                                   RecordGuard& guard, Options options)
    : db_(db), registry_(registry), codec_(codec), events_(events), clock_(clock), guard_(guard),
      options_(std::move(options)) {}

RecordRepository::Prepared RecordRepository::prepare(const std::string& type_name) {
    auto type = registry_.get(type_name);
    std::lock_guard<std::mutex> lock(layouts_mutex_);
    auto it = layouts_.find(type.get());
    if (it != layouts_.end()) return it->second;
    Prepared p{type, std::make_shared<RecordLayout>(*type, db_.dialect())};
    layouts_.emplace(type.get(), p);
    return p;
}

StoredRecord RecordRepository::load_or_404(storage::Connection& conn, const Prepared& p, std::int64_t id) const {
    auto record = p.layout->load(conn, id);
    if (!record) throw Problem::not_found(p.type->name() + " #" + std::to_string(id) + " does not exist");
    return std::move(*record);
}

SqlFragment RecordRepository::where_clause(const Prepared& p, const Selection& selection, const std::string& alias,
                                           const Actor& actor, const std::string& operation) const {
    SqlFragment where;
    switch (selection.archived) {
        case ArchiveFilter::Active: where.sql(alias + ".\"archived_at\" IS NULL"); break;
        case ArchiveFilter::Archived: where.sql(alias + ".\"archived_at\" IS NOT NULL"); break;
        case ArchiveFilter::All: where.sql("1 = 1"); break;
    }
    auto scope = guard_.rows(actor, *p.type, operation, alias);
    if (!scope.empty()) where.sql(" AND ").append(scope);
    if (operation != acl::kRead) {
        // Exporting is reading too: a wider export scope (or a personal denial of read)
        // must not let records the actor may not read leave the server.
        auto readable = guard_.rows(actor, *p.type, acl::kRead, alias);
        if (!readable.empty()) where.sql(" AND ").append(readable);
    }
    FilterCompiler compiler(registry_, codec_, db_.dialect(), guard_.gate(actor), guard_.row_scope(actor));
    auto filter = compiler.compile(*p.type, selection.filter, alias);
    if (!filter.empty()) where.sql(" AND ").append(filter);
    if (!selection.q.empty()) {
        if (p.type->search_fields.empty())
            throw Problem::bad_request(p.type->name() + " has no full-text search fields",
                                       {{"q", "not_searchable", "this type declares no search fields"}});
        auto words = search_words(selection.q, codec_);
        std::vector<const entity::FieldDef*> visible;
        for (const auto& name : p.type->search_fields) {
            const auto* f = p.type->field(name);
            if (f && guard_.visible(actor, *p.type, *f)) visible.push_back(f);
        }
        if (words.empty()) {
            // nothing searchable in the query: no restriction
        } else if (visible.size() == p.type->search_fields.size()) {
            where.sql(" AND ").append(db_.dialect().search_predicate(p.type->table(), alias, words));
        } else {
            // The shared search index also holds fields hidden from this user; searching
            // it could reveal them, so match the visible fields directly instead.
            where.sql(" AND ").append(visible_fields_search(db_.dialect(), visible, words, alias));
        }
    }
    return where;
}

std::optional<StoredRecord> RecordRepository::load_visible(storage::Connection& conn, const Prepared& p,
                                                           const Actor& actor, std::int64_t id,
                                                           const std::string& operation) {
    auto scope = guard_.rows_or_none(actor, *p.type, operation, "t");
    SqlFragment tail("WHERE t.\"id\" = ");
    tail.bind(id);
    if (!scope.empty()) tail.sql(" AND ").append(scope);
    auto rows = p.layout->load_many(conn, tail);
    if (!rows.empty()) return std::move(rows.front());
    if (!scope.empty() && p.layout->load(conn, id)) throw guard_.deny(actor, *p.type, id, operation, 404, "outside the read scope");
    return std::nullopt;
}

StoredRecord RecordRepository::visible_or_404(storage::Connection& conn, const Prepared& p, const Actor& actor,
                                              std::int64_t id) {
    auto record = load_visible(conn, p, actor, id, acl::kRead);
    if (!record) throw Problem::not_found(p.type->name() + " #" + std::to_string(id) + " does not exist");
    return std::move(*record);
}

nlohmann::json RecordRepository::output(const Actor& actor, const Prepared& p, const StoredRecord& record) const {
    return p.layout->to_json(record, codec_, guard_.shown_fields(actor, *p.type));
}

void RecordRepository::after_write(storage::Transaction& tx, const Prepared& p, const StoredRecord& record,
                                   const std::string& event, const Actor& actor, const nlohmann::json& changes,
                                   bool search_changed) {
    auto json = p.layout->to_json(record, codec_);
    const std::string action = event.substr(event.find('.') + 1);
    HistoryStore::append(tx.conn(), p.type->name(), record.id(), record.version(), action, actor,
                         json["updated_at"].get<std::string>(), changes);
    if (search_changed && !p.type->search_fields.empty()) {
        db_.dialect().write_search_document(tx.conn(), p.type->table(), record.id(),
                                            build_search_document(*p.layout, record, codec_));
    }
    events::Event e{event, p.type->name(), record.id(),
                    {{"type", p.type->name()},
                     {"id", record.id()},
                     {"version", record.version()},
                     {"actor_id", actor.user_id},
                     {"actor", actor.login},
                     {"changes", changes},
                     {"record", json}}};
    events_.publish(tx, e);
}

void RecordRepository::add_input_filler(InputFiller filler) { fillers_.push_back(std::move(filler)); }

RecordInput RecordRepository::hooked_input(const Actor& actor, const Prepared& p, std::optional<std::int64_t> id,
                                           const nlohmann::json& old_record, nlohmann::json body) {
    HookedWrite write{p.type->name(), id, old_record, body};
    hooks_.run(actor, write);
    // What a hook changed is input like any other: it must validate and the actor
    // must be allowed to write those fields.
    auto input = validate_record_input(*p.type, body, id ? InputMode::Update : InputMode::Create, codec_, actor, clock_);
    guard_.check_fields(actor, *p.type, input.writes);
    return input;
}

void RecordRepository::fill_input(const entity::EntityType& type, std::optional<std::int64_t> id,
                                  nlohmann::json& body) const {
    if (!body.is_object()) return;  // validation reports it
    for (const auto& fill : fillers_) fill(type, id, body);
}

nlohmann::json RecordRepository::create(const Actor& actor, const std::string& type, const nlohmann::json& raw_body) {
    auto p = prepare(type);
    guard_.check_operation(actor, *p.type, acl::kCreate);
    nlohmann::json body = raw_body;
    fill_input(*p.type, std::nullopt, body);
    auto input = validate_record_input(*p.type, body, InputMode::Create, codec_, actor, clock_);
    guard_.check_fields(actor, *p.type, input.writes);
    return translate_sql_errors(db_.dialect(), [&] {
        return db_.write([&](storage::Transaction& tx) {
            auto& conn = tx.conn();
            if (hooks_.has(type)) input = hooked_input(actor, p, std::nullopt, nullptr, body);
            check_references(conn, registry_, input.writes);
            check_file_access(conn, actor, input.writes);
            check_unique(conn, *p.layout, input.writes, 0);
            RecordWriter writer(*p.layout);
            // Autonumbers are drawn last so a failed check never consumes a number.
            for (const auto& f : p.type->fields()) {
                if (f.type != entity::FieldType::Autonumber) continue;
                std::string scope;
                for (const auto& w : input.writes) {
                    if (w.field->name == f.scope_field && !w.value.is_null)
                        scope = *storage::as_text(w.value.columns.at(0));
                }
                entity::DecodedValue v;
                v.columns.emplace_back(writer.next_autonumber(conn, f, scope));
                input.writes.push_back({&f, std::move(v)});
            }
            const std::string now = format_utc(clock_.now());
            const auto id = writer.insert(conn, actor, now, input.writes);
            // The new record must lie within what the actor may create: nobody hands a
            // record to an owner or department outside their reach.
            guard_.check_result(conn, actor, *p.type, id, acl::kCreate);
            auto record = load_or_404(conn, p, id);
            nlohmann::json changes = nlohmann::json::object();
            for (const auto& w : input.writes) {
                auto value = p.layout->field_json(record, *w.field, codec_);
                if (!value.is_null() && !(value.is_array() && value.empty()))
                    changes[w.field->name] = {{"old", nullptr}, {"new", value}};
            }
            after_write(tx, p, record, "record.created", actor, changes, true);
            return output(actor, p, record);
        });
    });
}

nlohmann::json RecordRepository::update(const Actor& actor, const std::string& type, std::int64_t id,
                                        const nlohmann::json& raw_patch, std::optional<std::int64_t> expected_version,
                                        bool unconditional) {
    auto p = prepare(type);
    nlohmann::json patch = raw_patch;
    fill_input(*p.type, id, patch);
    auto input = validate_record_input(*p.type, patch, InputMode::Update, codec_, actor, clock_);
    guard_.check_fields(actor, *p.type, input.writes);
    if (!expected_version) expected_version = input.version;
    if (!expected_version && !unconditional)
        throw Problem::precondition_required(
            "send the version the change is based on: a 'version' field or an If-Match header (If-Match: * to "
            "overwrite unconditionally)");
    for (int attempt = 1;; ++attempt) {
        try {
            return update_once(actor, p, id, input, patch, expected_version, unconditional);
        } catch (const RaceLost&) {
            if (attempt == 5)
                throw Problem::conflict("version-conflict", "the record keeps changing under concurrent writers; try again");
        }
    }
}

nlohmann::json RecordRepository::update_once(const Actor& actor, const Prepared& p, std::int64_t id, RecordInput input,
                                             const nlohmann::json& patch, std::optional<std::int64_t> expected_version,
                                             bool unconditional) {
    const std::string& type = p.type->name();
    return translate_sql_errors(db_.dialect(), [&] {
        return db_.write([&](storage::Transaction& tx) {
            auto& conn = tx.conn();
            auto current = visible_or_404(conn, p, actor, id);
            guard_.check_row(conn, actor, *p.type, id, acl::kUpdate);
            auto conflict = [&](const std::string& why) {
                return Problem::conflict("version-conflict", why, {{"current", output(actor, p, current)}});
            };
            if (expected_version && *expected_version != current.version())
                throw conflict("the record was changed by someone else (version " +
                               std::to_string(current.version()) + ", yours " + std::to_string(*expected_version) +
                               "); review the current record and apply your change again");
            if (current.archived())
                throw Problem::conflict("record-archived", type + " #" + std::to_string(id) +
                                                               " is archived; restore it before changing it");
            if (hooks_.has(type)) input = hooked_input(actor, p, id, p.layout->to_json(current, codec_), patch);
            // Keep only the fields whose value really changes.
            std::vector<FieldWrite> changed;
            nlohmann::json changes = nlohmann::json::object();
            bool search_changed = false;
            for (auto& w : input.writes) {
                auto before = p.layout->field_json(current, *w.field, codec_);
                bool same;
                if (entity::is_multi_valued(w.field->type)) {
                    same = before == nlohmann::json(w.value.links);
                } else {
                    int col = p.layout->column_of(w.field->name);
                    same = true;
                    for (std::size_t i = 0; i < w.value.columns.size(); ++i)
                        same = same && current.row[static_cast<std::size_t>(col) + i] == w.value.columns[i];
                }
                if (same) continue;
                changes[w.field->name] = {{"old", before}};
                search_changed = search_changed || std::find(p.type->search_fields.begin(), p.type->search_fields.end(),
                                                             w.field->name) != p.type->search_fields.end();
                changed.push_back(std::move(w));
            }
            if (changed.empty()) return output(actor, p, current);
            check_references(conn, registry_, changed);
            check_file_access(conn, actor, changed);
            check_unique(conn, *p.layout, changed, id);
            RecordWriter writer(*p.layout);
            if (!writer.update(conn, actor, format_utc(clock_.now()), id, current.version(), changed)) {
                // Another writer committed after our read. An unconditional change simply
                // tries again on the new version; a conditional one answers the record as
                // it is now, not the stale copy, so the client retries against the right version.
                if (unconditional && !expected_version) throw RaceLost{};
                current = load_or_404(conn, p, id);
                throw conflict("the record was changed by someone else at the same moment; apply your change again");
            }
            guard_.check_result(conn, actor, *p.type, id, acl::kUpdate);
            auto record = load_or_404(conn, p, id);
            for (auto& [name, change] : changes.items()) {
                change["new"] = p.layout->field_json(record, *p.type->field(name), codec_);
            }
            after_write(tx, p, record, "record.updated", actor, changes, search_changed);
            return output(actor, p, record);
        });
    });
}

nlohmann::json RecordRepository::change_state(const Actor& actor, const std::string& type, std::int64_t id,
                                              bool archive) {
    auto p = prepare(type);
    return db_.write([&](storage::Transaction& tx) {
        auto& conn = tx.conn();
        auto current = visible_or_404(conn, p, actor, id);
        guard_.check_row(conn, actor, *p.type, id, acl::kDelete);
        if (current.archived() == archive) return output(actor, p, current);
        RecordWriter writer(*p.layout);
        const std::string now = format_utc(clock_.now());
        if (!writer.set_archived(conn, actor, now, id, current.version(), archive))
            throw Problem::conflict("version-conflict", "the record was changed at the same moment; try again");
        auto record = load_or_404(conn, p, id);
        nlohmann::json changes = {
            {"archived_at", {{"old", archive ? nlohmann::json(nullptr) : nlohmann::json(*storage::as_text(current.row[6]))},
                             {"new", archive ? nlohmann::json(now) : nlohmann::json(nullptr)}}}};
        after_write(tx, p, record, archive ? "record.archived" : "record.restored", actor, changes, false);
        return output(actor, p, record);
    });
}

nlohmann::json RecordRepository::archive(const Actor& actor, const std::string& type, std::int64_t id) {
    return change_state(actor, type, id, true);
}

nlohmann::json RecordRepository::restore(const Actor& actor, const std::string& type, std::int64_t id) {
    return change_state(actor, type, id, false);
}

nlohmann::json RecordRepository::history(const Actor& actor, const std::string& type, std::int64_t id, int limit,
                                         std::int64_t before) {
    auto p = prepare(type);
    return db_.read([&](storage::Connection& conn) {
        visible_or_404(conn, p, actor, id);
        // Entries that only touched hidden fields are dropped; read on so a page still
        // holds `limit` entries when more exist (callers page on the last entry's id).
        nlohmann::json out = nlohmann::json::array();
        for (std::int64_t cursor = before;;) {
            auto entries = HistoryStore::list(conn, p.type->name(), id, limit, cursor);
            const bool full = entries.size() == static_cast<std::size_t>(limit);
            if (!entries.empty()) cursor = entries.back()["id"].get<std::int64_t>();
            guard_.strip_history(actor, *p.type, entries);
            for (auto& e : entries) {
                if (out.size() < static_cast<std::size_t>(limit)) out.push_back(std::move(e));
            }
            if (!full || out.size() >= static_cast<std::size_t>(limit)) return out;
        }
    });
}

nlohmann::json RecordRepository::aggregate(const Actor& actor, const std::string& type, const AggregateQuery& query) {
    auto p = prepare(type);
    AggregatePlan plan(*p.layout, query, db_.dialect(), guard_.gate(actor));
    SqlFragment where = where_clause(p, query.selection, "t", actor, acl::kRead);
    return db_.read([&](storage::Connection& conn) { return plan.run(conn, where, codec_); });
}

void RecordRepository::check_file_access(storage::Connection& conn, const Actor& actor,
                                         const std::vector<FieldWrite>& writes) {
    if (RecordGuard::unrestricted(actor)) return;
    std::vector<FieldError> errors;
    for (const auto& w : writes) {
        if (w.value.is_null || (w.field->type != entity::FieldType::File && w.field->type != entity::FieldType::Files)) continue;
        std::vector<std::int64_t> ids = w.value.links;
        if (w.field->type == entity::FieldType::File) ids.push_back(*storage::as_int(w.value.columns.at(0)));
        for (auto id : ids) {
            // Attaching a file one cannot see would be a way to read it later.
            auto uploader = conn.query_int(SqlFragment("SELECT uploaded_by FROM files WHERE id = ").bind(id));
            if ((uploader && *uploader == actor.user_id) || file_visible_through_records(actor, id)) continue;
            errors.push_back({w.field->name, "not_found", "there is no file with id " + std::to_string(id)});
        }
    }
    if (!errors.empty()) throw Problem::validation(std::move(errors));
}

bool RecordRepository::file_visible_through_records(const Actor& actor, std::int64_t file_id) {
    if (RecordGuard::unrestricted(actor)) return true;
    return db_.read([&](storage::Connection& conn) {
        const auto& d = conn.dialect();
        for (const auto& type : registry_.all()) {
            for (const auto& f : type->fields()) {
                if (f.type != entity::FieldType::File && f.type != entity::FieldType::Files) continue;
                auto scope = guard_.rows_or_none(actor, *type, acl::kRead, "t");
                SqlFragment q("SELECT t.\"id\" FROM " + d.quote(type->table()) + " AS t WHERE ");
                if (f.type == entity::FieldType::File) {
                    q.sql("t." + d.quote(f.name) + " = ").bind(file_id);
                } else {
                    q.sql("EXISTS (SELECT 1 FROM " + d.quote(entity::SchemaSync::link_table(*type, f)) +
                          " AS l WHERE l.record_id = t.\"id\" AND l.target_id = ").bind(file_id).sql(")");
                }
                if (!scope.empty()) q.sql(" AND ").append(scope);
                q.sql(" LIMIT 1");
                if (conn.query_int(q)) return true;
            }
        }
        return false;
    });
}

void RecordRepository::reindex(const std::string& type) {
    auto p = prepare(type);
    if (p.type->search_fields.empty()) return;
    std::int64_t after = 0;
    for (;;) {
        bool more = db_.write([&](storage::Transaction& tx) {
            auto records = p.layout->load_many(
                tx.conn(), SqlFragment("WHERE t.\"id\" > ").bind(after).sql(" ORDER BY t.\"id\" LIMIT 1000"));
            for (const auto& r : records) {
                db_.dialect().write_search_document(tx.conn(), p.type->table(), r.id(),
                                                    build_search_document(*p.layout, r, codec_));
                after = r.id();
            }
            return records.size() == 1000;
        });
        if (!more) break;
    }
}

}  // namespace orbita::kernel::records
