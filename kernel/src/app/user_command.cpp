// SPDX-License-Identifier: Apache-2.0
#include "app/user_command.hpp"

#include "acl/access_admin.hpp"
#include "app/kernel.hpp"
#include "auth/auth_service.hpp"
#include "core/problem.hpp"
#include "records/record_repository.hpp"
#include "storage/database.hpp"

#include <iostream>
#include <map>

namespace orbita::kernel {

namespace {

struct Options {
    std::string verb;
    std::map<std::string, std::string> values;
    std::vector<std::string> roles;
    bool password_stdin = false;
};

bool parse(const std::vector<std::string>& args, Options& o) {
    if (args.empty()) return false;
    o.verb = args[0];
    for (std::size_t i = 1; i < args.size(); ++i) {
        const auto& a = args[i];
        if (a == "--password-stdin") {
            o.password_stdin = true;
        } else if ((a == "--login" || a == "--full-name" || a == "--email" || a == "--role") && i + 1 < args.size()) {
            if (a == "--role") {
                o.roles.push_back(args[++i]);
            } else {
                o.values[a.substr(2)] = args[++i];
            }
        } else {
            std::cerr << "orbita user: unexpected argument '" << a << "'\n";
            return false;
        }
    }
    return true;
}

std::string read_password() {
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    return password;
}

void print_problem(const Problem& p) {
    std::cerr << "orbita user: " << p.detail() << "\n";
    for (const auto& e : p.errors()) std::cerr << "  - " << e.field << ": " << e.message << "\n";
}

}  // namespace

int run_user_command(Kernel& kernel, const std::vector<std::string>& args) {
    Options o;
    if (!parse(args, o) || (o.verb != "add" && o.verb != "password") || !o.values.count("login") || !o.password_stdin) {
        std::cerr << "usage: orbita user add --login L --role R [--role R2] [--full-name NAME] [--email E] --password-stdin\n"
                     "       orbita user password --login L --password-stdin\n";
        return 2;
    }
    const std::string login = o.values["login"];
    const std::string password = read_password();
    const Actor cli = Actor::system_actor("cli");
    try {
        if (o.verb == "password") {
            auto id = kernel.auth().find_user(login);
            if (!id) {
                std::cerr << "orbita user: no user with login '" << login << "'\n";
                return 1;
            }
            kernel.auth().set_password(*id, password);
            kernel.auth().sessions().revoke_user(*id);
            std::cout << "Password of " << login << " changed.\n";
            return 0;
        }
        if (kernel.auth().find_user(login)) {
            std::cerr << "orbita user: a user with login '" << login << "' exists; use `orbita user password`\n";
            return 1;
        }
        nlohmann::json body = {{"login", login}, {"full_name", o.values.count("full-name") ? o.values["full-name"] : login}};
        if (o.values.count("email")) body["email"] = o.values["email"];
        body["password"] = password;
        body["roles"] = o.roles;
        auto user = kernel.access_admin().create_user(cli, body);
        std::cout << "User " << login << " (#" << user["id"] << ") created with roles:";
        for (const auto& r : o.roles) std::cout << " " << r;
        std::cout << "\n";
        return 0;
    } catch (const Problem& p) {
        print_problem(p);
        return 1;
    }
}

}  // namespace orbita::kernel
