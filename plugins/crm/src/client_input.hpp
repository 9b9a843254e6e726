// SPDX-License-Identifier: Apache-2.0
// Reading a client as the crm API accepts it: the client's own fields plus its phones
// and e-mails, which are stored as client_phone and client_email records.
#pragma once

#include <orbita/sdk/result.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace orbita::plugins::crm {

/// A client to create: `fields` go to the client record as they are (the kernel
/// validates them); phones as written (the kernel stores E.164 plus the original);
/// e-mails trimmed and lower-cased.
struct ClientDraft {
    nlohmann::json fields = nlohmann::json::object();
    std::vector<std::string> phones;
    std::vector<std::string> emails;
    /// Create even when a client with the same phone or e-mail exists.
    bool allow_duplicates = false;
};

/// Reads the body of POST /api/v1/crm/clients: an object with client fields,
/// `phones` and `emails` (arrays of strings, at most 20 each) and optional
/// `allow_duplicates`. A client needs a last or first name (422 "name-required");
/// a malformed list answers 422 "invalid-input" naming it.
sdk::Result<ClientDraft> read_client_draft(const nlohmann::json& body);

/// `text` without leading and trailing white space.
std::string trimmed(const std::string& text);

}  // namespace orbita::plugins::crm
