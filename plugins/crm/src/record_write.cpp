// SPDX-License-Identifier: Apache-2.0
#include "record_write.hpp"

#include "client_input.hpp"

namespace orbita::plugins::crm {

nlohmann::json after_write(const sdk::RecordWrite& write) {
    nlohmann::json out = write.old_record.is_object() ? write.old_record : nlohmann::json::object();
    if (write.fields.is_object()) {
        for (const auto& [key, value] : write.fields.items()) out[key] = value;
    }
    return out;
}

bool sets_any(const sdk::RecordWrite& write, std::initializer_list<const char*> fields) {
    if (write.id == 0) return true;
    for (const char* f : fields) {
        if (write.fields.contains(f)) return true;
    }
    return false;
}

void trim_text_fields(sdk::RecordWrite& write, std::initializer_list<const char*> fields) {
    for (const char* f : fields) {
        if (write.fields.contains(f) && write.fields[f].is_string()) write.fields[f] = trimmed(write.fields[f].get<std::string>());
    }
}

sdk::WriteRejection rejection(const sdk::Error& error, const std::string& field) {
    return {error.status, error.code, error.message, {{field, error.code, error.message}}};
}

}  // namespace orbita::plugins::crm
