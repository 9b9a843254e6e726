// SPDX-License-Identifier: Apache-2.0
#include "lua/error_position.hpp"

#include <cctype>

namespace orbita::kernel::lua {

ErrorPosition ErrorPosition::parse(std::string_view text, std::string_view main_chunk) {
    // Search from the left for ":<digits>: " so chunk names with colons still work as
    // long as they are not followed by digits and ": ".
    for (std::size_t colon = text.find(':'); colon != std::string_view::npos; colon = text.find(':', colon + 1)) {
        std::size_t i = colon + 1;
        int line = 0;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && line < 100'000'000) {
            line = line * 10 + (text[i] - '0');
            ++i;
        }
        if (i == colon + 1 || i + 1 >= text.size() + 1 || i >= text.size() || text[i] != ':') continue;
        ErrorPosition p;
        p.chunk = std::string(text.substr(0, colon));
        p.line = line;
        std::size_t start = i + 1;
        if (start < text.size() && text[start] == ' ') ++start;
        p.message = std::string(text.substr(start));
        if (p.chunk.rfind("...", 0) == 0) {
            const auto tail = std::string_view(p.chunk).substr(3);
            if (main_chunk.size() >= tail.size() && main_chunk.substr(main_chunk.size() - tail.size()) == tail) {
                p.chunk = std::string(main_chunk);
            }
        }
        return p;
    }
    return {"", 0, std::string(text)};
}

}  // namespace orbita::kernel::lua
