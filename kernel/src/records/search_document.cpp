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
    return fold(doc);
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
        // Bytes of multi-byte UTF-8 sequences are letters (Cyrillic); ASCII punctuation splits.
        if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            current += static_cast<char>(c);
        } else {
            flush();
        }
    }
    flush();
    return words;
}

}  // namespace orbita::kernel::records
