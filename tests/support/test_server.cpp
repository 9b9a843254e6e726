// SPDX-License-Identifier: Apache-2.0
#include "support/test_server.hpp"

#include "acl/access_admin.hpp"
#include "acl/profile_cache.hpp"
#include "auth/auth_service.hpp"
#include "core/resources.hpp"

#include <fstream>
#include <stdexcept>

namespace orbita::test {

kernel::config::Config test_config(const std::filesystem::path& data_dir, const std::string& db_url,
                                   const nlohmann::json& overrides) {
    nlohmann::json doc = {{"data_dir", data_dir.string()},
                          {"http", {{"port", 0}, {"access_log", false}, {"max_threads", 64}}},
                          {"database", {{"url", db_url}, {"pool_size", 8}}},
                          {"log", {{"level", "warn"}}},
                          {"auth", {{"password_hash_ops", 1}, {"password_hash_memory_kib", 8}}}};
    doc.merge_patch(overrides);
    const auto file = data_dir / "orbita.json";
    std::ofstream(file) << doc.dump(2);
    return kernel::config::load_config(file.string(), {});
}

TestServer::TestServer(const std::string& backend, nlohmann::json config_overrides,
                       std::shared_ptr<kernel::Clock> clock)
    : db_(backend, dir_.path()), config_overrides_(std::move(config_overrides)), clock_(std::move(clock)) {
    kernel_ = std::make_unique<kernel::Kernel>(test_config(dir_.path(), db_.url(), config_overrides_), clock_);
    kernel_->open();
    port_ = kernel_->start_http();
    bootstrap_admin();
}

void TestServer::bootstrap_admin() {
    auto& k = *kernel_;
    const auto cli = kernel::Actor::system_actor("test");
    auto existing = k.auth().find_user("admin");
    if (existing) {
        admin_id_ = *existing;
    } else {
        admin_id_ = k.access_admin()
                        .create_user(cli, {{"login", "admin"}, {"full_name", "Администратор"}, {"password", kAdminPassword},
                                           {"roles", {"administrator"}}})["id"]
                        .get<std::int64_t>();
    }
    kernel::Actor admin{admin_id_, "admin", false, k.profiles().get(admin_id_)};
    admin_token_ = k.auth().create_token(admin, "tests", 0).token;
}

std::int64_t TestServer::create_user(const std::string& login, const std::vector<std::string>& roles, nlohmann::json fields) {
    fields["login"] = login;
    if (!fields.contains("full_name")) fields["full_name"] = login;
    fields["password"] = kUserPassword;
    fields["roles"] = roles;
    auto response = client().post("/api/v1/admin/users", fields);
    if (response.status != 201) throw std::runtime_error("create_user " + login + ": " + response.body);
    return response.json()["id"].get<std::int64_t>();
}

std::string TestServer::token_for(const std::string& login) {
    auto id = kernel_->auth().find_user(login);
    if (!id) throw std::runtime_error("no user " + login);
    kernel::Actor actor{*id, login, false, kernel_->profiles().get(*id)};
    return kernel_->auth().create_token(actor, "test", 0).token;
}

int TestServer::restart() {
    kernel_->stop();
    kernel_.reset();  // closes the connection pool before the next kernel opens its own
    kernel_ = std::make_unique<kernel::Kernel>(test_config(dir_.path(), db_.url(), config_overrides_), clock_);
    kernel_->open();
    port_ = kernel_->start_http();
    bootstrap_admin();
    return port_;
}

TestServer::~TestServer() {
    if (kernel_) kernel_->stop();
}

void TestServer::add_type(const nlohmann::json& declaration) { kernel_->add_entity_type(declaration, "test"); }

void TestServer::add_ticket_type() {
    add_type(nlohmann::json::parse(kernel::resource("kernel/demo/types/ticket.entity.json")));
}

}  // namespace orbita::test
