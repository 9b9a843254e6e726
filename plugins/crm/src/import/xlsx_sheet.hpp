// SPDX-License-Identifier: Apache-2.0
// The first sheet of an XLSX workbook as CSV text, so the CSV import reads it.
#pragma once

#include <orbita/sdk/result.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace orbita::plugins::crm {

/// True when `bytes` start like a zip archive (XLSX, ODS, DOCX).
bool is_zip(std::string_view bytes);

/// The first worksheet of the XLSX workbook `bytes` (Poco::Zip, SAX parsing with Poco
/// XML: shared strings, inline strings, numbers and booleans as their text; an empty
/// cell between others stays empty) as UTF-8 CSV with `;`, every cell quoted. A file
/// that is no readable workbook answers 422 "invalid-workbook"; a part that inflates
/// beyond `max_bytes` answers 413 "file-too-large".
sdk::Result<std::string> first_sheet_as_csv(std::string_view bytes, std::size_t max_bytes);

}  // namespace orbita::plugins::crm
