// SPDX-License-Identifier: Apache-2.0
#include "plugins/plugin_services.hpp"

#include <cxxabi.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

namespace orbita::kernel::plugins {

namespace {

std::string demangle(const std::string& mangled) {
    int status = 0;
    char* text = abi::__cxa_demangle(mangled.c_str(), nullptr, nullptr, &status);
    if (status != 0 || !text) return mangled;
    std::string out(text);
    std::free(text);
    return out;
}

std::string version_text(const sdk::ServiceVersion& v) { return std::to_string(v.major) + "." + std::to_string(v.minor); }

// The same rule as the plugin ABI: same major, and the provider at least as new.
bool version_fits(const sdk::ServiceVersion& wanted, const sdk::ServiceVersion& provided) {
    return wanted.major == provided.major && wanted.minor <= provided.minor;
}

}  // namespace

PluginServices::PluginServices(std::string plugin_id, std::vector<std::string> used, const ServiceDirectory& directory,
                               DescribePlugin describe)
    : id_(std::move(plugin_id)), used_(std::move(used)), directory_(directory), describe_plugin_(std::move(describe)) {}

std::string PluginServices::describe(const sdk::ServiceKey& key) {
    return key.id + " " + version_text(key.version) + " (" + demangle(key.type_name) + ")";
}

sdk::Result<void> PluginServices::provide_service(const sdk::ServiceKey& key, std::shared_ptr<void> service) {
    if (!provide_) {
        throw std::logic_error("plugin " + id_ + " provided service " + describe(key) +
                               " outside initialize(); registrations are closed");
    }
    return provide_(key, std::move(service));
}

sdk::Result<std::shared_ptr<void>> PluginServices::lookup_service(const sdk::ServiceKey& key) const {
    const std::string who = "plugin " + id_ + " requires service " + describe(key);
    if (std::find(used_.begin(), used_.end(), key.id) == used_.end())
        return sdk::fail("undeclared-service", who + ", which its plugin.json does not list in uses.services", 500);
    const auto provider = key.id.substr(0, key.id.find('.'));
    auto found = directory_.find(key.id);
    if (!found) {
        return sdk::fail("service-unavailable", who + " from plugin " + provider + ", which is not running (" +
                                                    describe_plugin_(provider) + ")", 503);
    }
    if (found->key.type_name != key.type_name) {
        return sdk::fail("service-type", who + ", but " + found->owner + " provides " + key.id + " as " +
                                             demangle(found->key.type_name) + "; a service id names one interface class", 500);
    }
    if (!version_fits(key.version, found->key.version)) {
        return sdk::fail("service-version", who + ", but " + found->owner + " provides version " +
                                                version_text(found->key.version) +
                                                " (a user needs the same major and a minor no newer than the provider's)",
                         500);
    }
    return found->object;
}

}  // namespace orbita::kernel::plugins
