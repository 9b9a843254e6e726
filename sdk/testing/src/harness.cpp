// SPDX-License-Identifier: Apache-2.0
#include "orbita/sdk/testing/harness.hpp"

#include "acl/access_admin.hpp"
#include "acl/profile_cache.hpp"
#include "app/kernel.hpp"
#include "app/plugin_demo_data.hpp"
#include "auth/auth_service.hpp"
#include "config/config.hpp"
#include "plugins/plugin_host.hpp"
#include "plugins/staged_registrations.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <fstream>
#include <map>
#include <stdexcept>

namespace orbita::sdk::testing {

namespace fs = std::filesystem;
namespace k = orbita::kernel;

struct Harness::State {
    fs::path dir;
    std::string id;
    std::unique_ptr<k::Kernel> kernel;
    std::map<std::string, std::string> tokens;  // login -> API token

    k::Actor actor(const std::string& login) {
        auto user = kernel->auth().find_user(login);
        if (!user) throw std::runtime_error("harness: no user " + login);
        return k::Actor{*user, login, false, kernel->profiles().get(*user)};
    }
    std::string token(const std::string& login) {
        auto it = tokens.find(login);
        if (it != tokens.end()) return it->second;
        return tokens[login] = kernel->auth().create_token(actor(login), "harness", 0).token;
    }
};

Harness::Harness(HarnessOptions options) : state_(std::make_unique<State>()) {
    auto& s = *state_;
    char pattern[] = "/tmp/orbita-harness-XXXXXX";
    if (!::mkdtemp(pattern)) throw std::runtime_error("harness: cannot create a temporary folder");
    s.dir = pattern;
    const auto folder = fs::absolute(options.plugin_folder);
    s.id = folder.filename().string();
    fs::create_directories(s.dir / "plugins");
    fs::create_directory_symlink(folder, s.dir / "plugins" / s.id);
    nlohmann::json dirs = {(s.dir / "plugins").string()};
    for (const auto& d : options.dependency_dirs) dirs.push_back(fs::absolute(d).string());
    nlohmann::json config = {
        {"data_dir", (s.dir / "var").string()},
        {"http", {{"port", 0}, {"access_log", false}}},
        {"log", {{"level", "warn"}}},
        {"auth", {{"password_hash_ops", 1}, {"password_hash_memory_kib", 8}}},
        {"plugins", {{"directories", dirs}, {"settings", {{s.id, {{"config", options.config}}}}}}}};
    std::ofstream(s.dir / "orbita.json") << config.dump(2);
    s.kernel = std::make_unique<k::Kernel>(k::config::load_config((s.dir / "orbita.json").string(), {}));
    s.kernel->open();
    s.kernel->start_http();
    s.kernel->access_admin().create_user(k::Actor::system_actor("harness"),
                                         {{"login", "admin"}, {"full_name", "admin"}, {"password", "harness-password-1"},
                                          {"roles", {"administrator"}}});
}

Harness::~Harness() {
    if (state_->kernel) state_->kernel->stop();
    state_->kernel.reset();
    std::error_code ec;
    fs::remove_all(state_->dir, ec);
}

int Harness::port() const { return state_->kernel->http_port(); }

nlohmann::json Harness::plugin() const {
    for (const auto& p : state_->kernel->plugins().report()) {
        if (p["id"] == state_->id) return p;
    }
    throw std::runtime_error("harness: plugin " + state_->id + " was not discovered");
}

bool Harness::running() const { return plugin()["state"] == "running"; }

std::vector<std::string> Harness::manifest_mismatches() const {
    const auto p = plugin();
    const auto& registrations = p["registrations"];
    if (registrations.is_null()) return {"the plugin registered nothing (state " + p["state"].get<std::string>() + ")"};
    auto provides = p["manifest"].value("provides", nlohmann::json::object());
    for (const char* kind : {"entityTypes", "routes", "permissions", "robotActions", "triggers", "reports", "jobs", "services"}) {
        if (!provides.contains(kind)) provides[kind] = nlohmann::json::array();
    }
    return k::plugins::provides_mismatches(provides, registrations);
}

std::int64_t Harness::create_user(const std::string& login, const nlohmann::json& permissions) {
    auto role = call("POST", "/api/v1/admin/roles",
                     {{"name", login + "_role"}, {"label", {{"en", login}}}, {"permissions", permissions}});
    if (role.status != 201) throw std::runtime_error("harness: cannot create role: " + role.text);
    auto user = call("POST", "/api/v1/admin/users",
                     {{"login", login}, {"full_name", login}, {"password", "harness-password-1"}, {"roles", {login + "_role"}}});
    if (user.status != 201) throw std::runtime_error("harness: cannot create user: " + user.text);
    return user.body["id"].get<std::int64_t>();
}

HttpAnswer Harness::call(const std::string& method, const std::string& path, const nlohmann::json& body,
                         const std::string& login) {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port()));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!login.empty()) request.set("Authorization", "Bearer " + state_->token(login));
    const std::string text = body.is_null() ? "" : body.dump();
    if (!text.empty()) request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(text.size()));
    session.sendRequest(request) << text;
    Poco::Net::HTTPResponse response;
    auto& in = session.receiveResponse(response);
    HttpAnswer answer;
    answer.status = static_cast<int>(response.getStatus());
    Poco::StreamCopier::copyToString(in, answer.text);
    answer.body = nlohmann::json::parse(answer.text, nullptr, false);
    if (answer.body.is_discarded()) answer.body = nullptr;
    return answer;
}

Result<void> Harness::install_demo_data() {
    for (const auto& outcome : kernel::install_plugin_demo_data(*state_->kernel)) {
        if (!outcome.error.empty()) return Error{"demo-data-failed", outcome.description + ": " + outcome.error};
    }
    return {};
}

Result<nlohmann::json> Harness::run_action(const std::string& id, const nlohmann::json& input, const std::string& login) {
    return state_->kernel->plugins().run_action(id, input, state_->actor(login));
}

}  // namespace orbita::sdk::testing
