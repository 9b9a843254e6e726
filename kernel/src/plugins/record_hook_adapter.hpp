// SPDX-License-Identifier: Apache-2.0
// Turns a plugin's sdk::RecordWriteHook into a rule of the records data layer.
#pragma once

#include "orbita/sdk/record_hooks.hpp"
#include "plugins/plugin_faults.hpp"
#include "records/write_hooks.hpp"

namespace orbita::kernel::records {
class RecordRepository;
}

namespace orbita::kernel::plugins {

/// The data-layer hook for `hook` of plugin `owner`: shows the write to the plugin (the
/// writer as sdk::Actor; reads as the system actor "system:<owner>" inside the same
/// transaction), takes back the fields it normalised, and turns a WriteRejection into
/// the Problem the caller receives. An exception from the plugin is counted in
/// `faults` and refuses the write (500).
records::WriteHooks::Hook adapt_record_hook(sdk::RecordWriteHook hook, const std::string& owner,
                                            records::RecordRepository& repo, PluginFaults& faults);

}  // namespace orbita::kernel::plugins
