// SPDX-License-Identifier: Apache-2.0
#include "plugins/abi_gate.hpp"

#include <catch2/catch.hpp>

using namespace orbita::kernel::plugins;

namespace {

const KernelAbi kKernel{1, 1, "cc=x;abi=1"};

PluginManifest manifest_for(unsigned major, unsigned minor) {
    PluginManifest m;
    m.id = "p";
    m.version = *PluginVersion::parse("1.0.0");
    m.abi_major = static_cast<int>(major);
    m.abi_minor = static_cast<int>(minor);
    m.library = "libp.so";
    return m;
}

std::optional<std::string> gate(unsigned major, unsigned minor, const char* fingerprint) {
    const OrbitaPluginAbi probe{sizeof(OrbitaPluginAbi), major, minor, "1.0.0", fingerprint, "p", "1.0.0"};
    return check_abi(probe, manifest_for(major, minor), kKernel);
}

}  // namespace

TEST_CASE("the ABI gate: same major, minor not newer, then the exact fingerprint") {
    CHECK_FALSE(gate(1, 1, "cc=x;abi=1"));
    CHECK_FALSE(gate(1, 0, "cc=x;abi=1"));
    // A plugin of SDK 1.0, whose fingerprint still carried the minor, loads too.
    CHECK_FALSE(gate(1, 0, "cc=x;abi=1.0"));
    CHECK(gate(1, 2, "cc=x;abi=1") == "built for plugin ABI 1.2, newer than this kernel's ABI 1.1; upgrade the kernel");
    CHECK(gate(2, 0, "cc=x;abi=2") == "built for plugin ABI 2.0, but this kernel provides ABI 1.1 (major versions differ)");
    CHECK(gate(1, 0, "cc=y;abi=1.0") ==
          "build fingerprint differs: the library was built with [cc=y;abi=1.0], the kernel with [cc=x;abi=1]; rebuild "
          "the plugin against this SDK");
}
