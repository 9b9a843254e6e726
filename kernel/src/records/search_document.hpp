// SPDX-License-Identifier: Apache-2.0
// What full-text search indexes for a record, and how a query is split into words.
#pragma once

#include "entity/value_codec.hpp"
#include "records/record_layout.hpp"

#include <string>
#include <vector>

namespace orbita::kernel::records {

/// The lower-cased text of the type's search fields, cut into words like a query
/// (ASCII punctuation becomes spaces). Phones contribute their E.164 digits and the
/// last ten digits, so "9161234567" and "79161234567" both find them.
std::string build_search_document(const RecordLayout& layout, const StoredRecord& record,
                                  const entity::ValueCodec& codec);

/// Words of a `?q=` query, lower-cased, at most eight; each is matched as a prefix.
/// A query that looks like a phone number becomes one word of E.164 digits.
std::vector<std::string> search_words(const std::string& q, const entity::ValueCodec& codec);

/// A predicate matching every word as a substring of at least one of `fields`, without
/// the shared search index: used when some search fields are hidden from the user,
/// since the index would otherwise let them search by what they may not see.
storage::SqlFragment visible_fields_search(const storage::Dialect& dialect,
                                           const std::vector<const entity::FieldDef*>& fields,
                                           const std::vector<std::string>& words, const std::string& alias);

}  // namespace orbita::kernel::records
