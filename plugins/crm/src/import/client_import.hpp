// SPDX-License-Identifier: Apache-2.0
// Importing clients from a CSV file: preview, run (all or nothing), progress, undo.
#pragma once

#include "client_service.hpp"
#include "import/import_upload.hpp"

#include <orbita/sdk/http.hpp>
#include <orbita/sdk/records.hpp>

#include <chrono>
#include <cstdint>

namespace orbita::plugins::crm {

/// The ids of `created_ids` of a client_import: ranges [[first, last], ...].
std::vector<std::int64_t> expand_ranges(const nlohmann::json& ranges);

/// Imports clients through the caller's Records, so the kernel's rights apply to every
/// record written. Each run leaves a `client_import` record: its status, counts,
/// per-row errors, the rows skipped as duplicates and the ids it created (for undo).
class ClientImport {
public:
    ClientImport(const ClientService& clients, ImportLimits limits) : clients_(clients), limits_(limits) {}

    /// The file's encoding, delimiter, headers, the suggested (or given) mapping and the
    /// first `preview_rows` rows read as clients, each with its problems. Writes nothing.
    sdk::Result<nlohmann::json> preview(sdk::Records& records, const nlohmann::json& body) const;
    /// Checks every row first (names, dates, phones and e-mails as the kernel reads
    /// them, duplicates of stored clients); any problem stores a `failed` import listing
    /// them and answers 422 "import-failed" with `row_errors` and `import_id`, with no
    /// client written. Otherwise writes every new client in one transaction (rows whose
    /// phone or e-mail belongs to a stored client are skipped and listed) and answers
    /// 201 with the `done` import.
    sdk::Response run(sdk::Records& records, const nlohmann::json& body) const;
    /// Archives exactly the clients the import created (with their phones and e-mails),
    /// in one transaction: 409 "undo-expired" 24 h after the import, 409
    /// "import-changed" when one of them was edited, archived or merged since, 409
    /// "not-undoable" for an import that created nothing or was undone already.
    sdk::Result<nlohmann::json> undo(sdk::Records& records, std::int64_t id, std::chrono::sys_seconds now) const;

    static constexpr std::size_t preview_rows = 10;

private:
    const ClientService& clients_;
    ImportLimits limits_;
};

}  // namespace orbita::plugins::crm
