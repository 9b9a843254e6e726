// SPDX-License-Identifier: Apache-2.0
// One search box for clients and organisations: name, phone in any format, e-mail, INN.
#pragma once

#include "client_service.hpp"

#include <orbita/sdk/records.hpp>

#include <string>

namespace orbita::plugins::crm {

/// What a query looks like decides where it is looked up: text with "@" is an e-mail;
/// digits (with spaces, brackets, dashes, a leading +) are a phone, and 10 or 12 bare
/// digits are also an INN; anything else is a name (the kernel's full-text search over
/// last, first and middle name, and organisation names). Answers
/// {"clients": [...], "organizations": [...]}, each as the caller may see them.
class ClientSearch {
public:
    explicit ClientSearch(const ClientService& clients) : clients_(clients) {}
    sdk::Result<nlohmann::json> search(sdk::Records& records, const std::string& query) const;

private:
    const ClientService& clients_;
};

}  // namespace orbita::plugins::crm
