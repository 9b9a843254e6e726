// SPDX-License-Identifier: Apache-2.0
#include "records/search_document.hpp"

#include "records/filter_compiler.hpp"

namespace orbita::kernel::records {

namespace {

// Lower case and ё -> е, so "Фёдоров" is found by "федоров" on both backends.
std::string fold(const std::string& text) {
    std::string out = utf8_lower(text);
    static const std::string yo = "\xD1\x91", ye = "\xD0\xB5";
    for (std::size_t pos; (pos = out.find(yo)) != std::string::npos;) out.replace(pos, yo.size(), ye);
    return out;
}

std::string digits_of(const std::string& s) {
    std::string d;
    for (char c : s) {
        if (c >= '0' && c <= '9') d += c;
    }
    return d;
}

// Bytes that belong to words: ASCII letters and digits, and every byte of a multi-byte
// UTF-8 sequence (Cyrillic). Everything else separates words.
bool is_word_byte(unsigned char c) {
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The document is cut into words exactly like a query, so both backends index the same
// words: PostgreSQL's parser would keep "a@b.ru" whole and read "T-000000003" as "t"
// and the number "-000000003", so neither "romashka" nor "000000003" would be found.
std::string words_only(const std::string& text) {
    std::string out = text;
    for (auto& c : out) {
        if (!is_word_byte(static_cast<unsigned char>(c))) c = ' ';
    }
    return out;
}

bool looks_like_phone(const std::string& q) {
    std::size_t digits = 0;
    for (char c : q) {
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (c != ' ' && c != '+' && c != '-' && c != '(' && c != ')' && c != '.') {
            return false;
        }
    }
    return digits >= 7;
}

}  // namespace

std::string build_search_document(const RecordLayout& layout, const StoredRecord& record,
                                  const entity::ValueCodec& codec) {
    std::string doc;
    for (const auto& name : layout.type().search_fields) {
        const entity::FieldDef* f = layout.type().field(name);
        if (!f) continue;
        auto value = layout.field_json(record, *f, codec);
        if (value.is_null()) continue;
        std::string text;
        if (f->type == entity::FieldType::Phone) {
            std::string digits = digits_of(value["e164"].get<std::string>());
            text = digits;
            if (digits.size() > 10) text += " " + digits.substr(digits.size() - 10);
        } else if (value.is_string()) {
            text = value.get<std::string>();
        } else {
            text = value.dump();
        }
        if (!doc.empty()) doc += ' ';
        doc += text;
    }
    return fold(words_only(doc));
}

std::vector<std::string> search_words(const std::string& q, const entity::ValueCodec& codec) {
    if (looks_like_phone(q)) {
        auto e164 = codec.phone_e164(q);
        return {e164 ? digits_of(*e164) : digits_of(q)};
    }
    std::vector<std::string> words;
    std::string current;
    auto flush = [&] {
        if (!current.empty() && words.size() < 8) words.push_back(fold(current));
        current.clear();
    };
    for (unsigned char c : q) {
        if (is_word_byte(c)) {
            current += static_cast<char>(c);
        } else {
            flush();
        }
    }
    flush();
    return words;
}

storage::SqlFragment visible_fields_search(const storage::Dialect& dialect,
                                           const std::vector<const entity::FieldDef*>& fields,
                                           const std::vector<std::string>& words, const std::string& alias) {
    if (fields.empty()) return storage::SqlFragment("1 = 0");
    storage::SqlFragment out("(");
    for (std::size_t w = 0; w < words.size(); ++w) {
        if (w) out.sql(" AND ");
        out.sql("(");
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (i) out.sql(" OR ");
            const std::string column = alias + "." + dialect.quote(entity::columns_of(fields[i]->name, fields[i]->type).front().name);
            const bool phone = fields[i]->type == entity::FieldType::Phone;
            const std::string needle = phone ? digits_of(words[w]) : words[w];
            if (needle.empty()) {
                out.sql("1 = 0");  // a word without digits cannot match a phone
                continue;
            }
            out.sql((phone ? column : dialect.lower(column)) + " LIKE ").bind("%" + like_escape(needle) + "%").sql(" ESCAPE '\\'");
        }
        out.sql(")");
    }
    return out.sql(")");
}

}  // namespace orbita::kernel::records
