// SPDX-License-Identifier: Apache-2.0
// A unified diff of two texts, line by line, for script version history.
#pragma once

#include <string>

namespace orbita::kernel::scripts {

/// Produces a unified diff ("@@ -3,2 +3,3 @@" hunks with 2 lines of context) between
/// two versions of a script, so the history shows what an edit changed. Computed with
/// the longest common subsequence of lines; for texts above kMaxLines lines each the
/// whole old text is shown removed and the new one added (scripts are small; the cap
/// bounds the quadratic table).
class LineDiff {
public:
    static constexpr std::size_t kMaxLines = 4000;
    static constexpr int kContext = 2;

    /// The diff from `before` to `after`; empty when they are equal.
    static std::string unified(const std::string& before, const std::string& after);
};

}  // namespace orbita::kernel::scripts
