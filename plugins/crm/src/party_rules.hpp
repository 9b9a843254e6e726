// SPDX-License-Identifier: Apache-2.0
// What a client or an organisation must hold to be stored, whoever writes it.
#pragma once

#include <orbita/sdk/result.hpp>

#include <nlohmann/json.hpp>

namespace orbita::plugins::crm {

/// A client (its fields as they will be stored) needs a non-blank last_name or
/// first_name: else 422 "name-required".
sdk::Result<void> check_client_name(const nlohmann::json& client);

/// An organisation (its fields as they will be stored) needs a non-blank name or INN
/// (422 "name-or-inn-required"); an INN must pass its checksum (422 "invalid-inn").
sdk::Result<void> check_organization(const nlohmann::json& organization);

}  // namespace orbita::plugins::crm
