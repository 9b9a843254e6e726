// SPDX-License-Identifier: Apache-2.0
// The crm entries of the main menu.
#pragma once

#include <orbita/sdk/ui.hpp>

#include <vector>

namespace orbita::plugins::crm {

/// The main-menu entries of the crm screens, in the order a sales team works through
/// them (clients first, then deals on their board, tasks, interactions). Each asks for
/// read access to its type, so the kernel shows a user only the entries of types they
/// may read.
std::vector<sdk::MenuEntry> crm_menu_entries();

}  // namespace orbita::plugins::crm
