// SPDX-License-Identifier: Apache-2.0
#include "app/plugin_demo_data.hpp"

#include "app/kernel.hpp"
#include "core/actor.hpp"
#include "plugins/plugin_host.hpp"
#include "plugins/sdk_records.hpp"
#include "storage/database.hpp"

#include <exception>

namespace orbita::kernel {

namespace {

/// Thrown inside a provider's transaction to roll it back once its failure is recorded.
struct RollBack {};

}  // namespace

std::vector<PluginDemoOutcome> install_plugin_demo_data(Kernel& kernel) {
    std::vector<PluginDemoOutcome> outcomes;
    const Actor actor = Actor::system_actor("demo-data");
    for (const auto& provider : kernel.plugins().catalog().demo_data()) {
        PluginDemoOutcome outcome{provider.owner, provider.item.description, {}};
        plugins::SdkRecords records(kernel.records(), actor);
        bool returned = false;
        try {
            // Every record write of the provider joins this transaction.
            kernel.database().write([&](storage::Transaction&) {
                auto result = provider.item.install(records);
                returned = true;
                if (!result) {
                    outcome.error = result.error().message;
                    throw RollBack{};
                }
            });
        } catch (const RollBack&) {
        } catch (const std::exception& e) {
            outcome.error = (returned ? std::string("could not be committed: ") : std::string("threw: ")) + e.what();
        } catch (...) {
            outcome.error = "threw a non-standard exception";
        }
        outcomes.push_back(std::move(outcome));
    }
    return outcomes;
}

}  // namespace orbita::kernel
