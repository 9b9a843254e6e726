// SPDX-License-Identifier: Apache-2.0
// Small helpers for the crm's record write hooks.
#pragma once

#include <orbita/sdk/record_hooks.hpp>

#include <initializer_list>
#include <optional>
#include <string>

namespace orbita::plugins::crm {

/// What a rule answers: nothing when the write may go on, else the Error that refuses it.
using RuleVerdict = std::optional<sdk::WriteRejection>;

/// The record as it will be after `write`: the stored record (for an update) with the
/// written fields over it.
nlohmann::json after_write(const sdk::RecordWrite& write);
/// Whether `write` is a create or sets one of `fields`: rules about those fields need
/// checking only then.
bool sets_any(const sdk::RecordWrite& write, std::initializer_list<const char*> fields);
/// Trims white space around the string values of `fields` that the write sets.
void trim_text_fields(sdk::RecordWrite& write, std::initializer_list<const char*> fields);
/// The refusal for a rule's Error (its status, code and message), naming `field`.
sdk::WriteRejection rejection(const sdk::Error& error, const std::string& field);
/// The refusal when `checked` failed, naming `field`; nothing when it succeeded.
template <class T>
RuleVerdict refuse_on_error(const sdk::Result<T>& checked, const std::string& field) {
    if (checked.ok()) return std::nullopt;
    return rejection(checked.error(), field);
}

}  // namespace orbita::plugins::crm
