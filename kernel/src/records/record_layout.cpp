// SPDX-License-Identifier: Apache-2.0
#include "records/record_layout.hpp"

#include "entity/schema_sync.hpp"

#include <algorithm>

namespace orbita::kernel::records {

using entity::FieldDef;
using storage::SqlFragment;

namespace {

bool is_placeholder_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

}  // namespace

RecordLayout::RecordLayout(const entity::EntityType& type, const storage::Dialect& dialect)
    : type_(type), dialect_(dialect) {
    const auto& fields = type.fields();
    std::vector<std::pair<std::string, std::size_t>> keys{{"_title", std::string::npos}};
    for (std::size_t i = 0; i < fields.size(); ++i) keys.emplace_back(fields[i].name, i);
    std::sort(keys.begin(), keys.end());  // nlohmann's object order
    for (auto& [name, index] : keys) sorted_keys_.emplace_back(nlohmann::json(name).dump() + ":", index);
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const auto& f = fields[i];
        auto cols = entity::columns_of(f.name, f.type);
        const int first = cols.empty() ? -1 : static_cast<int>(kinds_.size());
        first_column_[f.name] = first;
        column_by_index_.push_back(first);
        for (const auto& c : cols) kinds_.push_back(storage::read_kind(c.type));
        if (entity::is_multi_valued(f.type)) {
            link_fields_.push_back({i, "SELECT record_id, target_id FROM " +
                                           dialect_.quote(entity::SchemaSync::link_table(type_, f)) +
                                           " WHERE record_id IN ("});
        }
    }
    select_from_ = "SELECT " + select_list("t") + " FROM " + dialect_.quote(type_.table()) + " AS t ";

    // The title template: literal text and {field} placeholders ({unknown} renders as
    // nothing; a brace that does not open a placeholder is literal text).
    const std::string& tpl = type_.title_template;
    std::string literal;
    for (std::size_t i = 0; i < tpl.size();) {
        if (tpl[i] == '{') {
            std::size_t j = i + 1;
            while (j < tpl.size() && is_placeholder_char(tpl[j])) ++j;
            if (j > i + 1 && j < tpl.size() && tpl[j] == '}') {
                if (!literal.empty()) title_.push_back({std::move(literal)});
                literal.clear();
                if (const FieldDef* f = type_.field(std::string_view(tpl).substr(i + 1, j - i - 1))) {
                    title_.push_back({"", f, static_cast<std::size_t>(f - fields.data())});
                }
                i = j + 1;
                continue;
            }
        }
        literal += tpl[i++];
    }
    if (!literal.empty()) title_.push_back({std::move(literal)});
}

std::string RecordLayout::select_list(const std::string& alias) const {
    std::string out;
    std::size_t i = 0;
    for (const auto& f : type_.fields()) {
        for (const auto& c : entity::columns_of(f.name, f.type)) {
            if (i++) out += ", ";
            out += dialect_.select_expr(alias + "." + dialect_.quote(c.name), c.type);
        }
    }
    return out;
}

int RecordLayout::column_of(const std::string& field) const {
    auto it = first_column_.find(field);
    return it == first_column_.end() ? -1 : it->second;
}

std::optional<StoredRecord> RecordLayout::load(storage::Connection& conn, std::int64_t id) const {
    auto rows = load_many(conn, SqlFragment("WHERE t.\"id\" = ").bind(id));
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

std::vector<StoredRecord> RecordLayout::load_many(storage::Connection& conn, const SqlFragment& tail) const {
    SqlFragment query(select_from_);
    query.append(tail);
    std::vector<StoredRecord> records;
    // The rows and their links from one snapshot (and one SQLite read transaction).
    conn.read_consistently([&] {
        for (auto& row : conn.query(query, kinds_)) records.push_back(StoredRecord{std::move(row), {}});
        load_links(conn, records);
    });
    return records;
}

void RecordLayout::load_links(storage::Connection& conn, std::vector<StoredRecord>& records) const {
    if (records.empty()) return;
    static const std::vector<storage::ReadKind> kinds = {storage::ReadKind::Int, storage::ReadKind::Int};
    std::unordered_map<std::int64_t, StoredRecord*> by_id;
    by_id.reserve(records.size());
    for (auto& r : records) by_id[r.id()] = &r;
    for (const auto& link : link_fields_) {
        const std::string& name = type_.fields()[link.field_index].name;
        SqlFragment q(link.query_head);
        for (std::size_t i = 0; i < records.size(); ++i) {
            if (i) q.sql(", ");
            q.bind(records[i].id());
            records[i].links[name];  // present even when empty
        }
        q.sql(") ORDER BY record_id, position");
        for (auto& row : conn.query(q, kinds)) {
            by_id[std::get<std::int64_t>(row[0])]->links[name].push_back(std::get<std::int64_t>(row[1]));
        }
    }
}

nlohmann::json RecordLayout::field_json_at(const StoredRecord& record, std::size_t field_index,
                                           const entity::ValueCodec& codec) const {
    const FieldDef& field = type_.fields()[field_index];
    const int col = column_by_index_[field_index];
    if (col < 0) {
        auto it = record.links.find(field.name);
        return it == record.links.end() ? nlohmann::json::array() : nlohmann::json(it->second);
    }
    return codec.encode(field, record.row, static_cast<std::size_t>(col));
}

nlohmann::json RecordLayout::field_json(const StoredRecord& record, const FieldDef& field,
                                        const entity::ValueCodec& codec) const {
    int col = column_of(field.name);
    if (col < 0) {
        auto it = record.links.find(field.name);
        return it == record.links.end() ? nlohmann::json::array() : nlohmann::json(it->second);
    }
    return codec.encode(field, record.row, static_cast<std::size_t>(col));
}

std::string RecordLayout::render_title(const StoredRecord& record, const entity::ValueCodec& codec,
                                      const std::vector<char>& shown) const {
    if (type_.title_template.empty()) return type_.name() + " #" + std::to_string(record.id());
    std::string out;
    for (const auto& part : title_) {
        if (!part.field) {
            out += part.text;
            continue;
        }
        // A hidden field must not leak through the title either.
        if (!shown.empty() && !shown[part.field_index]) continue;
        auto value = field_json_at(record, part.field_index, codec);
        if (value.is_string()) {
            out += value.get_ref<const std::string&>();
        } else if (value.is_object() && value.contains("e164")) {
            out += value["e164"].get<std::string>();
        } else if (!value.is_null()) {
            out += value.dump();
        }
    }
    // Collapse the gaps left by empty fields ("Ivanov  Ivan" -> "Ivanov Ivan").
    std::string trimmed;
    trimmed.reserve(out.size());
    for (char c : out) {
        if (c == ' ' && (trimmed.empty() || trimmed.back() == ' ')) continue;
        trimmed += c;
    }
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
    return trimmed.empty() ? type_.name() + " #" + std::to_string(record.id()) : trimmed;
}

nlohmann::json RecordLayout::to_json(const StoredRecord& record, const entity::ValueCodec& codec,
                                     const std::vector<char>& shown) const {
    nlohmann::json j = nlohmann::json::object();
    const auto& fields = type_.fields();
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (shown.empty() || shown[i]) j[fields[i].name] = field_json_at(record, i, codec);
    }
    j["_title"] = render_title(record, codec, shown);
    return j;
}

}  // namespace orbita::kernel::records

namespace orbita::kernel::records {

void RecordLayout::write_json(std::string& out, const StoredRecord& record, const entity::ValueCodec& codec,
                              const std::vector<char>& shown) const {
    const auto dump = [&out](const nlohmann::json& value) {
        out += value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    };
    out += '{';
    bool first = true;
    for (const auto& [key, index] : sorted_keys_) {
        if (index != std::string::npos && !shown.empty() && !shown[index]) continue;
        if (!first) out += ',';
        first = false;
        out += key;
        if (index == std::string::npos) {
            dump(render_title(record, codec, shown));
        } else {
            dump(field_json_at(record, index, codec));
        }
    }
    out += '}';
}

}  // namespace orbita::kernel::records
