// SPDX-License-Identifier: Apache-2.0
#include "import/column_mapping.hpp"

#include "datetime_text.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace orbita::plugins::crm {

namespace {

// Header names (lower case) each field is suggested for. Russian lower case needs
// care: std::tolower does not know UTF-8, so both spellings are listed.
const std::map<std::string, std::vector<std::string>>& synonyms() {
    static const std::map<std::string, std::vector<std::string>> table = {
        {"first_name", {"имя", "Имя", "ИМЯ", "first name", "first_name", "firstname", "name", "given name"}},
        {"last_name", {"фамилия", "Фамилия", "ФАМИЛИЯ", "last name", "last_name", "lastname", "surname", "family name"}},
        {"middle_name", {"отчество", "Отчество", "ОТЧЕСТВО", "middle name", "middle_name", "patronymic"}},
        {"birth_date", {"дата рождения", "Дата рождения", "ДАТА РОЖДЕНИЯ", "birth date", "birth_date", "birthday", "date of birth"}},
        {"address", {"адрес", "Адрес", "АДРЕС", "address"}},
        {"phones", {"телефон", "Телефон", "ТЕЛЕФОН", "телефоны", "Телефоны", "мобильный", "Мобильный", "phone", "phones", "mobile",
                    "tel"}},
        {"emails", {"e-mail", "E-mail", "E-Mail", "email", "Email", "EMAIL", "почта", "Почта", "эл. почта", "Эл. почта",
                    "электронная почта", "Электронная почта", "emails"}},
    };
    return table;
}

std::string ascii_lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c); });
    return text;
}

// "23.11.1980" or "1980-11-23" -> "1980-11-23"; anything else: empty.
std::string iso_date(const std::string& text) {
    std::string iso = text;
    if (text.size() == 10 && text[2] == '.' && text[5] == '.')
        iso = text.substr(6, 4) + "-" + text.substr(3, 2) + "-" + text.substr(0, 2);
    return parse_date(iso) ? iso : std::string();
}

std::vector<std::string> split_values(const std::string& cell) {
    std::vector<std::string> out;
    std::string part;
    for (char c : cell + ",") {
        if (c == ',' || c == ';') {
            if (auto t = trimmed(part); !t.empty()) out.push_back(std::move(t));
            part.clear();
        } else {
            part += c;
        }
    }
    return out;
}

// Our export writes '=x as a guard against formula injection: a re-imported file
// gets the value back.
std::string without_formula_guard(std::string value) {
    if (value.size() > 1 && value[0] == '\'' && std::string_view("=+-@").find(value[1]) != std::string_view::npos) value.erase(0, 1);
    return value;
}

sdk::Error invalid_mapping(const std::string& why) { return sdk::fail("invalid-mapping", why, 422); }

}  // namespace

const std::vector<std::string>& ColumnMapping::targets() {
    static const std::vector<std::string> fields = {"first_name", "last_name", "middle_name", "birth_date",
                                                    "address",    "phones",    "emails"};
    return fields;
}

nlohmann::json ColumnMapping::suggest(const std::vector<std::string>& headers) {
    nlohmann::json out = nlohmann::json::object();
    std::set<std::string> taken;
    for (const auto& header : headers) {
        out[header] = nullptr;
        const auto name = ascii_lower(trimmed(header));
        for (const auto& [field, names] : synonyms()) {
            if (taken.count(field) || std::find(names.begin(), names.end(), name) == names.end()) continue;
            out[header] = field;
            taken.insert(field);
            break;
        }
    }
    return out;
}

sdk::Result<ColumnMapping> ColumnMapping::make(const std::vector<std::string>& headers, const nlohmann::json& mapping) {
    ColumnMapping m;
    bool gap = false;
    for (const auto& h : headers) {
        auto name = trimmed(h);
        if (name.empty()) gap = true;
        else if (gap)
            return sdk::fail("missing-header", "the header row has an empty column before '" + name.substr(0, 60) +
                                                   "': the first row must hold the column names, side by side", 422);
        if (!name.empty()) m.headers_.push_back(std::move(name));
    }
    if (m.headers_.empty()) return sdk::fail("missing-header", "the file is empty or its first row holds no column names", 422);
    if (!mapping.is_object()) return invalid_mapping("mapping is an object {\"<column header>\": \"<client field>\" or null}");
    for (const auto& [header, field] : mapping.items()) {
        if (std::find(m.headers_.begin(), m.headers_.end(), header) == m.headers_.end())
            return invalid_mapping("the file has no column '" + header.substr(0, 60) + "'");
        if (!field.is_null() && (!field.is_string() || std::find(targets().begin(), targets().end(), field.get<std::string>()) ==
                                                           targets().end()))
            return invalid_mapping("column '" + header.substr(0, 60) + "' maps to an unknown field; fields: first_name, "
                                   "last_name, middle_name, birth_date, address, phones, emails, or null");
    }
    bool has_first_name = false;
    for (const auto& h : m.headers_) {
        const auto field = mapping.value(h, nlohmann::json());
        m.field_of_column_.push_back(field.is_string() ? field.get<std::string>() : "");
        has_first_name = has_first_name || m.field_of_column_.back() == "first_name";
    }
    if (!has_first_name) return invalid_mapping("map a column to first_name (\"Имя\" is required)");
    return m;
}

std::string ColumnMapping::column_of(const std::string& field) const {
    for (std::size_t i = 0; i < field_of_column_.size(); ++i) {
        if (field_of_column_[i] == field) return headers_[i];
    }
    return "";
}

ImportedRow ColumnMapping::read(const std::vector<std::string>& cells, std::size_t row_number) const {
    ImportedRow out;
    std::map<std::string, std::string> text;
    for (std::size_t i = 0; i < field_of_column_.size(); ++i) {
        const auto& field = field_of_column_[i];
        const auto value = i < cells.size() ? without_formula_guard(trimmed(cells[i])) : std::string();
        if (field.empty() || value.empty()) continue;
        if (field == "phones") {
            for (auto& p : split_values(value)) out.draft.phones.push_back(std::move(p));
        } else if (field == "emails") {
            for (auto e : split_values(value)) out.draft.emails.push_back(ascii_lower(std::move(e)));
        } else if (field == "birth_date") {
            const auto iso = iso_date(value);
            if (iso.empty()) out.problems.push_back({row_number, headers_[i], "'" + value.substr(0, 40) + "' is no date (dd.mm.yyyy)"});
            else text[field] = iso;
        } else {
            text[field] += (text[field].empty() ? "" : " ") + value;
        }
    }
    if (text["first_name"].empty()) out.problems.push_back({row_number, column_of("first_name"), "the first name (Имя) is empty"});
    for (const auto& [field, value] : text) {
        if (!value.empty()) out.draft.fields[field] = value;
    }
    return out;
}

}  // namespace orbita::plugins::crm
