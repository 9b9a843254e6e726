// SPDX-License-Identifier: Apache-2.0
#include "crm_menu.hpp"

namespace orbita::plugins::crm {

namespace {

sdk::MenuEntry entry(const char* name, const char* ru, const char* en, const char* route, const char* icon,
                     const char* type, int order) {
    return {std::string("crm.") + name, {{"ru", ru}, {"en", en}}, route, icon, std::string(type) + ":read", order};
}

}  // namespace

std::vector<sdk::MenuEntry> crm_menu_entries() {
    // Orders leave gaps of ten so that other plugins can slot their screens in between.
    return {
        entry("clients", "Клиенты", "Clients", "/records/client", "user", "client", 10),
        entry("organizations", "Организации", "Organisations", "/records/organization", "building", "organization", 20),
        entry("deals", "Сделки", "Deals", "/records/deal/board", "columns", "deal", 30),
        entry("tasks", "Задачи", "Tasks", "/records/task", "check", "task", 40),
        entry("events", "Взаимодействия", "Interactions", "/records/event", "phone", "event", 50),
        entry("requests", "Обращения", "Requests", "/records/request", "inbox", "request", 60),
        entry("projects", "Проекты", "Projects", "/records/project", "folder", "project", 70),
    };
}

}  // namespace orbita::plugins::crm
