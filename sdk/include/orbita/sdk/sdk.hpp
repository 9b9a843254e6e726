// SPDX-License-Identifier: Apache-2.0
// Everything a plugin's main file needs: the Plugin interface, the context and its
// registrars, Result, and the ORBITA_PLUGIN entry-point macro.
#pragma once

#include "orbita/sdk/entry_point.hpp"
#include "orbita/sdk/plugin.hpp"
#include "orbita/sdk/plugin_context.hpp"
#include "orbita/sdk/result.hpp"
#include "orbita/sdk/version.hpp"
