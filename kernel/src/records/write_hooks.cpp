// SPDX-License-Identifier: Apache-2.0
#include "records/write_hooks.hpp"

namespace orbita::kernel::records {

void WriteHooks::add(const std::string& type, Hook hook) { hooks_[type].push_back(std::move(hook)); }

void WriteHooks::run(const Actor& actor, HookedWrite& write) const {
    auto it = hooks_.find(write.type);
    if (it == hooks_.end()) return;
    for (const auto& hook : it->second) hook(actor, write);
}

}  // namespace orbita::kernel::records
