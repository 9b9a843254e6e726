// SPDX-License-Identifier: Apache-2.0
#include "scripts/line_diff.hpp"

#include <algorithm>
#include <sstream>
#include <vector>

namespace orbita::kernel::scripts {

namespace {

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::string line;
    std::istringstream in(text);
    while (std::getline(in, line)) lines.push_back(line);
    return lines;
}

struct Op {
    char tag;  // ' ', '-', '+'
    std::size_t a, b;  // line index in before / after (of the line shown)
};

std::vector<Op> edit_script(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::vector<Op> ops;
    if (a.size() > LineDiff::kMaxLines || b.size() > LineDiff::kMaxLines) {
        for (std::size_t i = 0; i < a.size(); ++i) ops.push_back({'-', i, 0});
        for (std::size_t j = 0; j < b.size(); ++j) ops.push_back({'+', a.size(), j});
        return ops;
    }
    // lcs[i][j]: length of the LCS of a[i..] and b[j..]
    std::vector<std::vector<unsigned>> lcs(a.size() + 1, std::vector<unsigned>(b.size() + 1, 0));
    for (std::size_t i = a.size(); i-- > 0;) {
        for (std::size_t j = b.size(); j-- > 0;) {
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
        }
    }
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (i < a.size() && j < b.size() && a[i] == b[j]) {
            ops.push_back({' ', i++, j++});
        } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
            ops.push_back({'-', i++, j});  // removals first, as diff(1) shows them
        } else {
            ops.push_back({'+', i, j++});
        }
    }
    return ops;
}

}  // namespace

std::string LineDiff::unified(const std::string& before, const std::string& after) {
    if (before == after) return "";
    const auto a = split_lines(before), b = split_lines(after);
    const auto ops = edit_script(a, b);
    std::ostringstream out;
    std::size_t k = 0;
    while (k < ops.size()) {
        if (ops[k].tag == ' ') {
            ++k;
            continue;
        }
        // A hunk: from kContext lines before this change to kContext lines after the
        // last change that is at most 2 * kContext unchanged lines further on.
        std::size_t start = k >= kContext ? k - kContext : 0;
        while (start < k && ops[start].tag != ' ') ++start;
        std::size_t end = k;
        std::size_t unchanged = 0;
        for (std::size_t m = k; m < ops.size(); ++m) {
            if (ops[m].tag == ' ') {
                if (++unchanged > 2 * kContext) break;
            } else {
                unchanged = 0;
                end = m;
            }
        }
        const std::size_t stop = std::min(ops.size(), end + 1 + kContext);
        std::size_t a_count = 0, b_count = 0;
        for (std::size_t m = start; m < stop; ++m) {
            if (ops[m].tag != '+') ++a_count;
            if (ops[m].tag != '-') ++b_count;
        }
        out << "@@ -" << (a_count ? ops[start].a + 1 : ops[start].a) << "," << a_count << " +"
            << (b_count ? ops[start].b + 1 : ops[start].b) << "," << b_count << " @@\n";
        for (std::size_t m = start; m < stop; ++m) {
            out << ops[m].tag << (ops[m].tag == '+' ? b[ops[m].b] : a[ops[m].a]) << "\n";
        }
        k = stop;
    }
    return out.str();
}

}  // namespace orbita::kernel::scripts
