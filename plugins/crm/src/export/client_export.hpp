// SPDX-License-Identifier: Apache-2.0
// Exporting clients to CSV or XLSX: all of them, a range, or a client list.
#pragma once

#include "client_service.hpp"

#include <orbita/sdk/records.hpp>

namespace orbita::plugins::crm {

/// Reads clients through the caller's Records, a page at a time, so the file holds only
/// the clients the caller may read and no field the kernel hides from them (a column
/// whose field no exported client shows is left out).
class ClientExport {
public:
    /// Columns a file may hold, in this order: number, last_name, first_name,
    /// middle_name, birth_date, address, phones, emails.
    static const std::vector<std::string>& columns();

    /// `{"format": "csv"|"xlsx", "mode": "all"|"part"|"list", "start"?, "count"?,
    /// "list"?, "fields"?}` (seed 001 §3.23: part = `count` clients from the
    /// `start`-th, in number order; list = the clients of client_list `list`). Answers
    /// {file_name, content_type, rows, content_base64}; 422 "invalid-input" naming
    /// what is wrong.
    sdk::Result<nlohmann::json> run(sdk::Records& records, const nlohmann::json& body) const;
};

}  // namespace orbita::plugins::crm
