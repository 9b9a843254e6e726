// SPDX-License-Identifier: Apache-2.0
// Clients with their phones and e-mails: create (with duplicate detection), read, merge;
// organisations with the name-or-INN rule.
#pragma once

#include "client_input.hpp"

#include <orbita/sdk/http.hpp>
#include <orbita/sdk/records.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace orbita::plugins::crm {

/// The crm view of clients: a client record plus its client_phone and client_email
/// records, shown as `phones` ([{id, e164, raw}]) and `emails` ([{id, email}]). Every
/// call acts through the caller's Records, so the kernel's rights apply.
class ClientService {
public:
    /// Creates a client with its phones and e-mails in one transaction: 201 with the
    /// client; 409 "duplicate-client" listing `candidates` when a client already has
    /// one of the phones or e-mails (unless `allow_duplicates`); 422 for a missing
    /// name ("name-required"), a phone or e-mail that is not one ("invalid-phone",
    /// "invalid-email").
    sdk::Response create(sdk::Records& records, const nlohmann::json& body) const;
    /// Writes a client and its phones and e-mails as they are, without the duplicate
    /// check; the caller runs it inside Records::transaction. Answers the client's id.
    sdk::Result<std::int64_t> store(sdk::Records& records, const ClientDraft& draft) const;
    /// The client with its phones and e-mails.
    sdk::Result<nlohmann::json> get(sdk::Records& records, std::int64_t id) const;
    /// Merges client `from` into `keep`: phones and e-mails keep has not got move over,
    /// deals, tasks, events, requests, projects and contact persons are re-pointed,
    /// keep's empty fields are filled from `from`, and `from` is archived with
    /// `merged_into` set. Nothing is erased: the record history of both shows the merge,
    /// and a note on `keep` says what was merged. One transaction.
    sdk::Result<nlohmann::json> merge(sdk::Records& records, std::int64_t keep, std::int64_t from) const;
    /// Creates an organisation: name or INN required (422 "name-or-inn-required"),
    /// an INN must pass its checksum (422 "invalid-inn").
    sdk::Result<nlohmann::json> create_organization(sdk::Records& records, const nlohmann::json& body) const;

    /// Ids of clients that have one of `phones` (any format) or `emails`. A phone
    /// that is not a phone number answers 422 "invalid-phone" naming it (e-mails:
    /// "invalid-email").
    sdk::Result<std::vector<std::int64_t>> clients_with(sdk::Records& records, const std::vector<std::string>& phones,
                                                        const std::vector<std::string>& emails) const;
    /// The clients with these ids, with phones and e-mails, in id order.
    sdk::Result<nlohmann::json> clients_by_id(sdk::Records& records, const std::vector<std::int64_t>& ids) const;
};

}  // namespace orbita::plugins::crm
