// SPDX-License-Identifier: Apache-2.0
// A real kernel serving HTTP on a free loopback port over a fresh database.
#pragma once

#include "app/kernel.hpp"
#include "support/http_client.hpp"
#include "support/test_backends.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace orbita::test {

/// Starts a kernel for one test: temporary data directory, an empty database of the
/// given backend, `config_overrides` merged into the configuration (JSON merge patch),
/// HTTP on an ephemeral port. Stopped and cleaned up on destruction.
///
/// Like a real installation it has a first administrator (login `admin`, password
/// kAdminPassword) with an API token; `client()` sends that token, `anonymous_client()`
/// sends nothing. Password hashing is set cheap so tests stay fast.
class TestServer {
public:
    explicit TestServer(const std::string& backend, nlohmann::json config_overrides = nlohmann::json::object(),
                        std::shared_ptr<kernel::Clock> clock = std::make_shared<kernel::SystemClock>());
    ~TestServer();

    kernel::Kernel& kernel() { return *kernel_; }
    int port() const { return port_; }
    /// A client acting as the administrator (Bearer token).
    HttpClient client() const { return HttpClient(port_, admin_token_); }
    /// A client without identity.
    HttpClient anonymous_client() const { return HttpClient(port_); }
    /// A client sending `token` as its Bearer token.
    HttpClient client_with_token(const std::string& token) const { return HttpClient(port_, token); }
    /// Creates a user with password kUserPassword and the given roles (through the admin
    /// API, as an administrator would); answers its id.
    std::int64_t create_user(const std::string& login, const std::vector<std::string>& roles,
                             nlohmann::json fields = nlohmann::json::object());
    /// An API token of `login` (signs in with kUserPassword and creates one).
    std::string token_for(const std::string& login);
    const std::string& admin_token() const { return admin_token_; }
    std::int64_t admin_id() const { return admin_id_; }

    static constexpr const char* kAdminPassword = "admin-password-1";
    static constexpr const char* kUserPassword = "user-password-1";
    const std::filesystem::path& data_dir() const { return dir_.path(); }
    const std::string& database_url() const { return db_.url(); }
    /// Registers an entity type from JSON and creates its table.
    void add_type(const nlohmann::json& declaration);
    /// Registers the demo `ticket` type.
    void add_ticket_type();
    /// Stops the kernel and starts a new one on the same data directory and database,
    /// as a process restart would. Types added with add_type are gone unless their
    /// declarations were written to `<data_dir>/types`. Answers the new port.
    int restart();

private:
    void bootstrap_admin();

    TempDir dir_;
    TestDatabase db_;
    nlohmann::json config_overrides_;
    std::shared_ptr<kernel::Clock> clock_;
    std::unique_ptr<kernel::Kernel> kernel_;
    int port_ = 0;
    std::string admin_token_;
    std::int64_t admin_id_ = 0;
};

/// The configuration a TestServer starts with.
kernel::config::Config test_config(const std::filesystem::path& data_dir, const std::string& db_url,
                                   const nlohmann::json& overrides);

}  // namespace orbita::test
