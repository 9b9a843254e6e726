// SPDX-License-Identifier: Apache-2.0
#define BOOST_DLL_USE_STD_FS
#include "plugins/plugin_library.hpp"

#include <boost/dll/shared_library.hpp>

#include <dlfcn.h>

#include <mutex>
#include <vector>

namespace orbita::kernel::plugins {

struct PluginLibrary::Handle {
    boost::dll::shared_library library;
};

namespace {

// Handles live until exit on purpose (see the class comment).
std::vector<std::shared_ptr<PluginLibrary::Handle>>& keep_alive() {
    static auto* handles = new std::vector<std::shared_ptr<PluginLibrary::Handle>>();
    return *handles;
}
std::mutex keep_alive_mutex;

// Boost.DLL clears dlerror() and reports only a generic error code; the loader's own
// text (which symbol is unresolved, which dependency is missing) is what an operator
// needs, so the failed load is repeated once, directly, to read it.
std::string loader_message(const std::filesystem::path& file, const std::error_code& ec) {
    void* again = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (again) {
        ::dlclose(again);
        return ec.message();
    }
    const char* why = ::dlerror();
    return why ? std::string(why) : ec.message();
}

}  // namespace

PluginLibrary::PluginLibrary(const std::filesystem::path& file) : file_(file) {
    handle_ = std::make_shared<Handle>();
    std::error_code ec;
    handle_->library.load(file, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, ec);
    if (ec || !handle_->library.is_loaded()) {
        throw LibraryError("cannot load " + file.string() + ": " + loader_message(file, ec));
    }
    std::lock_guard lock(keep_alive_mutex);
    keep_alive().push_back(handle_);
}

const OrbitaPluginAbi& PluginLibrary::probe() const {
    if (!handle_->library.has(sdk::kAbiProbeSymbol))
        throw LibraryError(file_.filename().string() + " does not export " + sdk::kAbiProbeSymbol +
                           " (not built with ORBITA_PLUGIN?)");
    auto& fn = handle_->library.get<const OrbitaPluginAbi*() noexcept>(sdk::kAbiProbeSymbol);
    const OrbitaPluginAbi* abi = fn();
    if (!abi) throw LibraryError(std::string(sdk::kAbiProbeSymbol) + " returned nothing");
    return *abi;
}

PluginInstance PluginLibrary::create() const {
    for (const char* symbol : {sdk::kFactorySymbol, sdk::kDestroySymbol}) {
        if (!handle_->library.has(symbol)) throw LibraryError(file_.filename().string() + " does not export " + symbol);
    }
    auto& make = handle_->library.get<sdk::Plugin*() noexcept>(sdk::kFactorySymbol);
    auto& destroy = handle_->library.get<void(sdk::Plugin*) noexcept>(sdk::kDestroySymbol);
    sdk::Plugin* plugin = make();
    if (!plugin) throw LibraryError("the plugin's constructor failed (" + std::string(sdk::kFactorySymbol) + " returned null)");
    return PluginInstance(plugin, [&destroy, handle = handle_](sdk::Plugin* p) { destroy(p); });
}

}  // namespace orbita::kernel::plugins
