// SPDX-License-Identifier: Apache-2.0
#include "support/test_server.hpp"

#include "core/resources.hpp"

#include <fstream>

namespace orbita::test {

kernel::config::Config test_config(const std::filesystem::path& data_dir, const std::string& db_url,
                                   const nlohmann::json& overrides) {
    nlohmann::json doc = {{"data_dir", data_dir.string()},
                          {"http", {{"port", 0}, {"access_log", false}, {"max_threads", 64}}},
                          {"database", {{"url", db_url}, {"pool_size", 8}}},
                          {"log", {{"level", "warn"}}}};
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
}

int TestServer::restart() {
    kernel_->stop();
    kernel_.reset();  // closes the connection pool before the next kernel opens its own
    kernel_ = std::make_unique<kernel::Kernel>(test_config(dir_.path(), db_.url(), config_overrides_), clock_);
    kernel_->open();
    port_ = kernel_->start_http();
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
