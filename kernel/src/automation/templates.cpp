// SPDX-License-Identifier: Apache-2.0
#include "automation/templates.hpp"

#include "core/nearest_name.hpp"

#include <algorithm>
#include <regex>
#include <stdexcept>

namespace orbita::kernel::automation {

namespace {

const std::regex& placeholder() {
    static const std::regex re(R"(\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)\s*\}\})");
    return re;
}

// "{{ record.title }}" alone -> "record.title"; otherwise nullopt.
std::optional<std::string> sole_template(const std::string& text) {
    std::smatch m;
    if (std::regex_match(text, m, placeholder())) return m[1].str();
    return std::nullopt;
}

std::vector<std::string> split(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t dot; (dot = path.find('.', start)) != std::string::npos; start = dot + 1) parts.push_back(path.substr(start, dot - start));
    parts.push_back(path.substr(start));
    return parts;
}

std::string as_text(const nlohmann::json& v) {
    if (v.is_null()) return "";
    if (v.is_string()) return v.get<std::string>();
    if (v.is_object() && v.contains("amount") && v.contains("currency")) return v["amount"].dump() + " " + v["currency"].get<std::string>();
    return v.dump();
}

void walk(const nlohmann::json& value, const std::string& path, const std::function<void(const std::string&, const std::string&)>& each) {
    if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        for (auto it = std::sregex_iterator(text.begin(), text.end(), placeholder()); it != std::sregex_iterator(); ++it)
            each((*it)[1].str(), path);
    } else if (value.is_object()) {
        for (const auto& [k, v] : value.items()) walk(v, path + "." + k, each);
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) walk(value[i], path + "[" + std::to_string(i) + "]", each);
    }
}

const std::vector<std::string> kRoots = {"record", "now", "actor", "const"};

}  // namespace

nlohmann::json Templates::lookup(const std::string& path) const {
    const auto parts = split(path);
    if (parts[0] == "const") {
        if (parts.size() != 2) throw std::invalid_argument("{{" + path + "}}: write {{const.Name}}");
        return constants_ ? constants_(parts[1]).value_or(nullptr) : nlohmann::json(nullptr);
    }
    if (std::find(kRoots.begin(), kRoots.end(), parts[0]) == kRoots.end())
        throw std::invalid_argument("{{" + path + "}}: unknown name '" + parts[0] + "' (record, now, actor, const)");
    const nlohmann::json* at = &scope_;
    for (const auto& part : parts) {
        if (!at->is_object() || !at->contains(part)) return nullptr;
        at = &(*at)[part];
    }
    return *at;
}

std::string Templates::render_text(const std::string& text) const {
    std::string out;
    std::size_t last = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), placeholder()); it != std::sregex_iterator(); ++it) {
        out.append(text, last, static_cast<std::size_t>(it->position()) - last);
        out += as_text(lookup((*it)[1].str()));
        last = static_cast<std::size_t>(it->position() + it->length());
    }
    out.append(text, last, std::string::npos);
    return out;
}

nlohmann::json Templates::render(const nlohmann::json& value) const {
    if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        if (text.find("{{") == std::string::npos) return value;
        if (auto sole = sole_template(text)) return lookup(*sole);
        return render_text(text);
    }
    if (value.is_object()) {
        nlohmann::json out = nlohmann::json::object();
        for (const auto& [k, v] : value.items()) out[k] = render(v);
        return out;
    }
    if (value.is_array()) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& v : value) out.push_back(render(v));
        return out;
    }
    return value;
}

bool Templates::has_templates(const nlohmann::json& value) {
    if (value.is_string()) return value.get_ref<const std::string&>().find("{{") != std::string::npos;
    if (value.is_object() || value.is_array()) {
        for (const auto& v : value) {
            if (has_templates(v)) return true;
        }
    }
    return false;
}

void Templates::check(const nlohmann::json& value, const std::vector<std::string>& fields, const std::string& path,
                      std::vector<FieldError>& errors) {
    walk(value, path, [&](const std::string& name, const std::string& at) {
        const auto parts = split(name);
        if (std::find(kRoots.begin(), kRoots.end(), parts[0]) == kRoots.end()) {
            errors.push_back({at, "unknown_template", "{{" + name + "}}: unknown name '" + parts[0] + "' (record, now, actor, const)" +
                                                          did_you_mean(parts[0], kRoots)});
        } else if (parts[0] == "record" && parts.size() > 1 && std::find(fields.begin(), fields.end(), parts[1]) == fields.end()) {
            errors.push_back({at, "unknown_field", "{{" + name + "}}: the record has no field '" + parts[1] + "'" + did_you_mean(parts[1], fields)});
        }
    });
}

}  // namespace orbita::kernel::automation
