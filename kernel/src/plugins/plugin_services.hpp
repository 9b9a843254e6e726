// SPDX-License-Identifier: Apache-2.0
// One plugin's view of the typed services: what it provides and what it may look up.
#pragma once

#include "orbita/sdk/services.hpp"
#include "plugins/service_directory.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace orbita::kernel::plugins {

/// The sdk::ServiceRegistry a plugin gets from PluginContext::services(); lives as long
/// as the plugin host, so plugins may keep it. `provide` is forwarded to the
/// registration stage while the plugin's initialize runs (and refused otherwise);
/// lookups go to the directory of committed services and check, in this order, that the
/// service is declared in the plugin's `uses.services`, that its provider is running,
/// and that the provider's interface version and class name fit the caller's.
class PluginServices final : public sdk::ServiceRegistry {
public:
    /// Stages a provided service (the registration stage's check and store).
    using Provide = std::function<sdk::Result<void>(const sdk::ServiceKey& key, std::shared_ptr<void> object)>;
    /// Says why plugin `id` is not running ("failed: <reason>", "not installed").
    using DescribePlugin = std::function<std::string(const std::string& id)>;

    PluginServices(std::string plugin_id, std::vector<std::string> used, const ServiceDirectory& directory,
                   DescribePlugin describe);

    /// Opens provide() to `provide` (initialize begins); an empty function closes it.
    void accept_provides(Provide provide) { provide_ = std::move(provide); }

    /// "greeter.greetings 1.0 (fixture::greeter::Greetings)", the form every message uses.
    static std::string describe(const sdk::ServiceKey& key);

protected:
    sdk::Result<void> provide_service(const sdk::ServiceKey& key, std::shared_ptr<void> service) override;
    sdk::Result<std::shared_ptr<void>> lookup_service(const sdk::ServiceKey& key) const override;

private:
    std::string id_;
    std::vector<std::string> used_;
    const ServiceDirectory& directory_;
    DescribePlugin describe_plugin_;
    Provide provide_;
};

}  // namespace orbita::kernel::plugins
