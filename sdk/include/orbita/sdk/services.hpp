// SPDX-License-Identifier: Apache-2.0
// Typed services between plugins: one plugin provides an interface, its dependents use it.
#pragma once

#include "orbita/sdk/result.hpp"

#include <concepts>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeinfo>
#include <utility>

namespace orbita::sdk {

/// @brief Version of a service interface, declared by the interface header. The same
/// rule as the plugin ABI: a user compiled against `major.minor` accepts a provider of
/// the same major and a minor at least as new. Bump the minor when you only append
/// virtual functions at the end of the interface; bump the major for anything else
/// (a changed signature, a reordered or removed function, a new data member).
struct ServiceVersion {
    std::uint32_t major = 1;  ///< incompatible changes
    std::uint32_t minor = 0;  ///< functions appended at the end
};

/// @brief An interface another plugin can obtain through ServiceRegistry. The
/// interface header (part of the providing plugin's public headers) declares:
/// `static constexpr std::string_view service_id = "<provider id>.<name>";` and
/// `static constexpr orbita::sdk::ServiceVersion service_version{1, 0};`, and has a
/// virtual destructor. The kernel matches services by these two declarations and by
/// the class name, compared as text: type identity (typeid) is not reliable between
/// libraries loaded with RTLD_LOCAL, so it is never used.
template <class T>
concept ServiceInterface = std::has_virtual_destructor_v<T> && requires {
    { std::string_view(T::service_id) };
    { ServiceVersion(T::service_version) };
};

/// @brief What the kernel compares when a service is provided or looked up.
struct ServiceKey {
    std::string id;            ///< T::service_id, e.g. "greeter.greetings"
    ServiceVersion version;    ///< T::service_version of the caller's header
    std::string type_name;     ///< the interface's mangled name (typeid(T).name()), as text

    /// @brief The key of interface `T` as the calling library was compiled with it.
    template <ServiceInterface T>
    static ServiceKey of() {
        return ServiceKey{std::string(std::string_view(T::service_id)), ServiceVersion(T::service_version),
                          typeid(T).name()};
    }
};

/// @brief Services of your plugin and of the plugins you depend on, obtained from
/// PluginContext::services(). Unlike the context, the reference stays valid for the
/// life of the process: keep it to look services up later (on_all_initialized, route
/// handlers). Lookups are thread-safe.
///
/// Declare both sides in the manifest (orbita_add_plugin PROVIDES_SERVICES / USES_SERVICES
/// write `provides.services` and `uses.services` of plugin.json): the kernel checks
/// before loading anything that every service you use is declared by a plugin you
/// depend on, named "<provider id>.<name>".
///
/// When: `provide` only inside your Plugin::initialize (the service is staged and
/// exists only if initialize succeeds, like every registration). `require`/`find` from
/// your own initialize onwards: your dependencies initialized before you, so their
/// services already exist; a service is usable as soon as its provider's initialize
/// returned. Keep what you obtain no longer than your plugin instance: plugins are
/// destroyed in reverse dependency order, so a provider outlives its users.
class ServiceRegistry {
public:
    virtual ~ServiceRegistry() = default;

    /// @brief Offers `service` as interface `T` to the plugins that depend on yours.
    /// Errors: `T::service_id` not in your plugin.json `provides.services`
    /// ("undeclared-service"), a malformed id or a null pointer ("invalid-registration").
    /// Calling it outside initialize throws std::logic_error.
    template <ServiceInterface T>
    Result<void> provide(std::shared_ptr<T> service) {
        // The pointer travels as void* to T exactly, and comes back as T in the user's
        // library, whose header declares the same id, version and class name.
        return provide_service(ServiceKey::of<T>(), std::shared_ptr<void>(service, static_cast<void*>(service.get())));
    }

    /// @brief The service `T`, or an Error naming you, the service, its interface and its
    /// provider: "undeclared-service" (not in your `uses.services`), "service-unavailable"
    /// (its provider is not running, e.g. an optional dependency that is missing or
    /// failed), "service-version" (the provider's interface version is older or of
    /// another major), "service-type" (the provider declares another class under this id).
    template <ServiceInterface T>
    Result<std::shared_ptr<T>> require() const {
        auto found = lookup_service(ServiceKey::of<T>());
        if (!found) return found.error();
        return std::static_pointer_cast<T>(std::move(found).value());
    }

    /// @brief Like require(), but answers nullptr when the provider is simply not running
    /// (for services of optional dependencies). The other errors are bugs in a plugin's
    /// declarations or build and throw std::logic_error with the same message.
    template <ServiceInterface T>
    std::shared_ptr<T> find() const {
        auto found = require<T>();
        if (found) return std::move(found).value();
        if (found.error().code == "service-unavailable") return nullptr;
        throw std::logic_error(found.error().message);
    }

protected:
    /// @brief Type-erased form of provide(); implemented by the kernel.
    virtual Result<void> provide_service(const ServiceKey& key, std::shared_ptr<void> service) = 0;
    /// @brief Type-erased form of require(); implemented by the kernel. The pointer is the
    /// provider's `T*` converted to void*.
    virtual Result<std::shared_ptr<void>> lookup_service(const ServiceKey& key) const = 0;
};

}  // namespace orbita::sdk
