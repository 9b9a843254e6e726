// SPDX-License-Identifier: Apache-2.0
// A real kernel serving HTTP on a free loopback port over a fresh database.
#pragma once

#include "app/kernel.hpp"
#include "support/http_client.hpp"
#include "support/test_backends.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace orbita::test {

/// Starts a kernel for one test: temporary data directory, an empty database of the
/// given backend, `config_overrides` merged into the configuration (JSON merge patch),
/// HTTP on an ephemeral port. Stopped and cleaned up on destruction.
class TestServer {
public:
    explicit TestServer(const std::string& backend, nlohmann::json config_overrides = nlohmann::json::object(),
                        std::shared_ptr<kernel::Clock> clock = std::make_shared<kernel::SystemClock>());
    ~TestServer();

    kernel::Kernel& kernel() { return *kernel_; }
    int port() const { return port_; }
    HttpClient client() const { return HttpClient(port_); }
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
    TempDir dir_;
    TestDatabase db_;
    nlohmann::json config_overrides_;
    std::shared_ptr<kernel::Clock> clock_;
    std::unique_ptr<kernel::Kernel> kernel_;
    int port_ = 0;
};

/// The configuration a TestServer starts with.
kernel::config::Config test_config(const std::filesystem::path& data_dir, const std::string& db_url,
                                   const nlohmann::json& overrides);

}  // namespace orbita::test
