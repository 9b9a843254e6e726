// SPDX-License-Identifier: Apache-2.0
#include "app/cli.hpp"

#include "app/backup.hpp"
#include "app/demo_data.hpp"
#include "app/plugin_demo_data.hpp"
#include "app/kernel.hpp"
#include "app/lua_command.hpp"
#include "app/user_command.hpp"
#include "app/version.hpp"
#include "config/config.hpp"
#include "core/nearest_name.hpp"
#include "entity/entity_type_parser.hpp"
#include "entity/type_registry.hpp"
#include "plugins/plugin_host.hpp"
#include "plugins/startup_table.hpp"
#include "storage/database_url.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <csignal>
#include <fstream>
#include <filesystem>
#include <iostream>
#include <optional>

namespace orbita::kernel {

namespace {

const char* kUsage = R"(Orbita CRM server

Usage: orbita [--config FILE] <command> [options]

Commands:
  serve                 migrate the database, then serve HTTP until SIGINT/SIGTERM
  migrate               apply kernel migrations and entity type changes, then exit
  demo-data [--tickets N]
                        install demo departments, users and N tickets (default 300);
                        a second run only adds tickets when --tickets is given
  backup FILE           consistent copy of a live SQLite database into FILE
                        (PostgreSQL: use pg_dump, see README)
  types                 list the entity types and their fields, then exit
  plugins               load the plugins as serve would, print their table (state,
                        load time, reason), then exit; --json prints the admin report
  user add --login L --role R [--role R2] [--full-name NAME] [--email E] --password-stdin
                        create a user (the first administrator: --role administrator);
                        the password is read from standard input
  lua run FILE [--dry-run] --as LOGIN [--record TYPE:ID] [--args JSON]
                        run a Lua script as LOGIN (with --dry-run in a transaction that
                        is rolled back) and print logs, effects and errors as JSON;
                        exits 1 when the script fails
  lua check FILE        compile a Lua script without running it
  user password --login L --password-stdin
                        set a user's password (ends the user's sessions)
  --help                this text
  --version             the Orbita version

Configuration: orbita.json (or --config FILE, or $ORBITA_CONFIG), checked against
schemas/config.schema.json; environment overrides: ORBITA_HTTP_PORT, ORBITA_HTTP_HOST,
ORBITA_DATA_DIR, ORBITA_DB_URL, ORBITA_LOG_LEVEL, ORBITA_LOG_FORMAT, ORBITA__SECTION__KEY.
)";

const std::vector<std::string> kCommands = {"serve", "migrate", "demo-data", "backup", "types", "user", "plugins", "lua"};

struct Arguments {
    std::string config_file;
    std::string command;
    std::vector<std::string> rest;
};

std::optional<Arguments> parse(const std::vector<std::string>& args, int& exit_code) {
    Arguments a;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& arg = args[i];
        if (arg == "--help" || arg == "-h") {
            std::cout << kUsage;
            exit_code = 0;
            return std::nullopt;
        }
        if (arg == "--version") {
            std::cout << "orbita " << kOrbitaVersion << "\n";
            exit_code = 0;
            return std::nullopt;
        }
        if (arg == "--config") {
            if (i + 1 >= args.size()) {
                std::cerr << "orbita: --config needs a file\n";
                exit_code = 2;
                return std::nullopt;
            }
            a.config_file = args[++i];
        } else if (a.command.empty()) {
            a.command = arg;
        } else {
            a.rest.push_back(arg);
        }
    }
    if (a.command.empty()) {
        std::cerr << kUsage;
        exit_code = 2;
        return std::nullopt;
    }
    if (std::find(kCommands.begin(), kCommands.end(), a.command) == kCommands.end()) {
        std::cerr << "orbita: unknown command '" << a.command << "'" << did_you_mean(a.command, kCommands)
                  << "; see orbita --help\n";
        exit_code = 2;
        return std::nullopt;
    }
    if (a.config_file.empty()) {
        if (const char* env = std::getenv("ORBITA_CONFIG")) {
            a.config_file = env;
        } else if (std::filesystem::exists("orbita.json")) {
            a.config_file = "orbita.json";
        }
    }
    return a;
}

int serve(Kernel& kernel) {
    // Block the stop signals in every thread; the main thread waits for them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    kernel.open();
    const int port = kernel.start_http();
    const auto& host = kernel.config().http.host;
    std::cout << "Orbita " << kOrbitaVersion << " is listening on http://" << (host == "0.0.0.0" ? "127.0.0.1" : host)
              << ":" << port << "/" << std::endl;
    spdlog::info("serving on {}:{} (database {})", host, port,
                 storage::DatabaseUrl::parse(kernel.config().database_url).redacted());
    int received = 0;
    sigwait(&signals, &received);
    spdlog::info("signal {} received: stopping", received);
    kernel.stop();
    return 0;
}

int demo_data(Kernel& kernel, const std::vector<std::string>& rest) {
    std::int64_t tickets = 300;
    bool explicit_count = false;
    for (std::size_t i = 0; i < rest.size(); ++i) {
        if (rest[i] == "--tickets") {
            const std::string count = i + 1 < rest.size() ? rest[++i] : "";
            auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), tickets);
            if (ec != std::errc() || end != count.data() + count.size() || tickets < 0) {
                std::cerr << "orbita demo-data: --tickets needs a whole number of tickets, not '" << count << "'\n";
                return 2;
            }
            explicit_count = true;
        } else {
            std::cerr << "orbita demo-data: unknown option '" << rest[i] << "'\n";
            return 2;
        }
    }
    kernel.open();
    auto report = install_demo_data(kernel, tickets, explicit_count);
    if (report.already_installed) {
        std::cout << "Demo data is already installed (use --tickets N to add tickets).\n";
    } else {
        std::cout << "Demo data: " << report.departments << " departments, " << report.users << " users, "
                  << report.tickets << " tickets.\n";
    }
    int status = 0;
    for (const auto& outcome : install_plugin_demo_data(kernel)) {
        if (outcome.error.empty()) {
            std::cout << "Demo data of plugin " << outcome.plugin << ": " << outcome.description << "\n";
        } else {
            std::cerr << "orbita demo-data: plugin " << outcome.plugin << " (" << outcome.description
                      << ") failed: " << outcome.error << " (its changes were rolled back)\n";
            status = 1;
        }
    }
    const auto credentials = std::filesystem::path(kernel.config().data_dir) / kDemoCredentialsFile;
    if (!report.password.empty()) {
        std::ofstream(credentials) << "login: admin\npassword: " << report.password
                                   << "\nother demo users (same password): ivanov.p (head), smirnova.a (manager), "
                                      "kuznetsov.d (employee), lebedeva.o (auditor)\n";
        std::filesystem::permissions(credentials, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    }
    std::ifstream saved(credentials);
    std::string line;
    bool printed = false;
    while (std::getline(saved, line)) {
        std::cout << (line.rfind("login:", 0) == 0 ? "Admin " : "") << line << "\n";
        printed = true;
    }
    if (!printed) std::cout << "Admin login: admin (password: see " << credentials.string() << ")\n";
    return status;
}

int types(Kernel& kernel) {
    kernel.open();
    for (const auto& t : kernel.types().all()) {
        std::cout << t->name() << " (" << t->owner << "): " << t->label.value("en", "") << "\n";
        for (const auto& f : t->fields()) {
            if (f.system) continue;
            std::cout << "  " << f.name << ": " << entity::to_string(f.type) << (f.required ? ", required" : "")
                      << (f.custom ? ", custom" : "") << "\n";
        }
    }
    return 0;
}

int plugins_command(Kernel& kernel, const std::vector<std::string>& rest) {
    const bool as_json = !rest.empty() && rest[0] == "--json";
    if (!rest.empty() && !as_json) {
        std::cerr << "orbita plugins: unknown option '" << rest[0] << "'\n";
        return 2;
    }
    kernel.open();
    const auto report = kernel.plugins().report();
    if (as_json) {
        std::cout << nlohmann::json({{"plugins", report}, {"configuration_problems", kernel.plugins().configuration_problems()}}).dump(2) << "\n";
    } else {
        std::cout << plugins::format_startup_table(report);
        for (const auto& p : kernel.plugins().configuration_problems()) std::cout << "configuration: " << p << "\n";
    }
    return 0;
}

}  // namespace

int run_cli(const std::vector<std::string>& args) {
    int exit_code = 0;
    auto parsed = parse(args, exit_code);
    if (!parsed) return exit_code;
    config::Config config;
    try {
        config = config::load_config(parsed->config_file, config::process_environment());
    } catch (const config::ConfigError& e) {
        std::cerr << "orbita: " << (parsed->config_file.empty() ? "" : parsed->config_file + ": ") << e.what() << "\n";
        return 2;
    }
    log::configure_logging(config.log);
    try {
        if (parsed->command == "backup") {
            if (parsed->rest.size() != 1) {
                std::cerr << "orbita backup: give the target FILE\n";
                return 2;
            }
            auto url = storage::DatabaseUrl::parse(config.database_url);
            if (url.backend != storage::Backend::Sqlite) {
                std::cerr << "orbita backup copies SQLite databases; for PostgreSQL run pg_dump (see README)\n";
                return 2;
            }
            backup_sqlite(url.sqlite_path, parsed->rest[0]);
            std::cout << "Backup written to " << parsed->rest[0] << "\n";
            return 0;
        }
        Kernel kernel(std::move(config));
        if (parsed->command == "serve") return serve(kernel);
        if (parsed->command == "demo-data") return demo_data(kernel, parsed->rest);
        if (parsed->command == "types") return types(kernel);
        if (parsed->command == "plugins") return plugins_command(kernel, parsed->rest);
        if (parsed->command == "lua") {
            LuaCommand command;
            if (!parse_lua_command(parsed->rest, command)) return 2;
            kernel.open();
            return run_lua_command(kernel, command);
        }
        if (parsed->command == "user") {
            kernel.open();
            return run_user_command(kernel, parsed->rest);
        }
        kernel.open();  // migrate
        std::cout << "Database is up to date.\n";
        return 0;
    } catch (const entity::DeclarationError& e) {
        std::cerr << "orbita: entity declarations are invalid:\n";
        for (const auto& line : e.errors()) std::cerr << "  - " << line << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "orbita: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace orbita::kernel
