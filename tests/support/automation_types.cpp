// SPDX-License-Identifier: Apache-2.0
// The fixture types of the automation tests. Free of Catch, so benchmarks can use them.
#include "support/automation_helpers.hpp"

#include <filesystem>
#include <fstream>

namespace orbita::test {

namespace {

nlohmann::json field(const std::string& name, const std::string& type, nlohmann::json extra = nlohmann::json::object()) {
    nlohmann::json f = {{"name", name}, {"type", type}, {"label", {{"ru", name}, {"en", name}}}};
    f.update(extra);
    return f;
}

}  // namespace

nlohmann::json deal_type() {
    return {{"name", "deal"},
            {"label", {{"ru", "Сделка"}, {"en", "Deal"}}},
            {"fields",
             {field("title", "string", {{"required", true}}), field("amount", "money"),
              field("stage", "string", {{"max_length", 50}}), field("pipeline", "string", {{"max_length", 50}}),
              field("owner", "user"), field("email", "email"), field("paid", "bool", {{"default", false}}),
              field("due_date", "date"), field("close_at", "datetime"), field("note", "text"), field("score", "int")}},
            {"roles", {{"owner", "owner"}, {"stage", "stage"}, {"pipeline", "pipeline"}, {"amount", "amount"}}}};
}

nlohmann::json deal_task_type() {
    return {{"name", "deal_task"},
            {"label", {{"ru", "Задача по сделке"}, {"en", "Deal task"}}},
            {"fields",
             {field("title", "string", {{"required", true}}), field("deal", "ref", {{"target", "deal"}, {"required", true}}),
              field("status", "enum",
                    {{"default", "open"},
                     {"values", {{{"value", "open"}, {"label", {{"ru", "Открыта"}, {"en", "Open"}}}},
                                 {{"value", "done"}, {"label", {{"ru", "Сделана"}, {"en", "Done"}}}}}}})}}};
}

void add_deal_types(TestServer& server) {
    for (const auto& declaration : {deal_type(), deal_task_type()}) install_type(server, declaration);
}

void install_type(TestServer& server, const nlohmann::json& declaration) {
    const auto dir = server.data_dir() / "types";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / (declaration["name"].get<std::string>() + ".entity.json")) << declaration.dump(2);
    server.add_type(declaration);
}

}  // namespace orbita::test
