// SPDX-License-Identifier: Apache-2.0
#include "app/lua_command.hpp"

#include "app/kernel.hpp"
#include "core/problem.hpp"
#include "lua/lua_runtime.hpp"
#include "scripts/script_service.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

namespace orbita::kernel {

namespace {

const char* kUsage =
    "usage: orbita lua run FILE [--dry-run] --as LOGIN [--record TYPE:ID] [--args JSON]\n"
    "       orbita lua check FILE\n";

bool usage(const std::string& problem) {
    std::cerr << "orbita lua: " << problem << "\n" << kUsage;
    return false;
}

}  // namespace

bool parse_lua_command(const std::vector<std::string>& args, LuaCommand& out) {
    if (args.size() < 2) return usage("give a verb and a FILE");
    out.verb = args[0];
    out.file = args[1];
    if (out.verb != "run" && out.verb != "check") return usage("unknown verb '" + out.verb + "'");
    for (std::size_t i = 2; i < args.size(); ++i) {
        const auto& a = args[i];
        if (a == "--dry-run") {
            out.dry_run = true;
        } else if ((a == "--as" || a == "--record" || a == "--args") && i + 1 < args.size()) {
            (a == "--as" ? out.as_login : a == "--record" ? out.record : out.args) = args[++i];
        } else {
            return usage("unexpected argument '" + a + "'");
        }
    }
    if (out.verb == "run" && out.as_login.empty()) return usage("--as LOGIN is required: scripts run as a user");
    if (!out.record.empty()) {
        const auto colon = out.record.find(':');
        if (colon == std::string::npos || colon == 0 || colon + 1 == out.record.size() ||
            out.record.find_first_not_of("0123456789", colon + 1) != std::string::npos) {
            return usage("--record must be TYPE:ID, e.g. ticket:12");
        }
    }
    if (!out.args.empty() && nlohmann::json::parse(out.args, nullptr, false).is_discarded()) {
        return usage("--args must be JSON");
    }
    return true;
}

int run_lua_command(Kernel& kernel, const LuaCommand& command) {
    std::ifstream in(command.file, std::ios::binary);
    if (!in) {
        std::cerr << "orbita lua: cannot read " << command.file << "\n";
        return 2;
    }
    std::ostringstream text;
    text << in.rdbuf();
    const std::string label = "file:" + command.file;
    if (command.verb == "check") {
        auto out = kernel.scripts().check(command.file, text.str());
        std::cout << out.dump(2) << "\n";
        return out["ok"].get<bool>() ? 0 : 1;
    }
    scripts::RunRequest request;
    request.as_login = command.as_login;
    request.dry_run = command.dry_run;
    if (!command.args.empty()) request.args = nlohmann::json::parse(command.args);
    if (!command.record.empty()) {
        const auto colon = command.record.find(':');
        request.record = lua::RecordRef{command.record.substr(0, colon), std::stoll(command.record.substr(colon + 1))};
    }
    try {
        auto result = kernel.scripts().run_source(Actor::system_actor("cli"), label, text.str(), request);
        std::cout << result.to_json().dump(2) << "\n";
        return result.ok ? 0 : 1;
    } catch (const Problem& p) {
        std::cerr << "orbita lua: " << p.detail() << "\n";
        return p.status() == 404 || p.status() == 422 ? 2 : 1;
    }
}

}  // namespace orbita::kernel
