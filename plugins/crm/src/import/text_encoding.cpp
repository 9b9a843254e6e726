// SPDX-License-Identifier: Apache-2.0
#include "import/text_encoding.hpp"

#include <array>
#include <cstdint>

namespace orbita::plugins::crm {

namespace {

// Code points of cp1251 bytes 0x80..0xBF (0x98 is unassigned: U+FFFD). 0xC0..0xFF are
// А..я, contiguous from U+0410.
constexpr std::array<std::uint16_t, 64> kHighHalf = {
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
    0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
    0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
    0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457};

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// cp1251 text is mostly letters: at least 3 in 4 of its non-ASCII bytes are А..я, Ё or ё.
// Binary data or another single-byte code page rarely looks like that.
bool looks_like_cp1251(std::string_view bytes) {
    std::size_t high = 0, letters = 0;
    for (unsigned char c : bytes) {
        if (c < 0x80) continue;
        ++high;
        if (c >= 0xC0 || c == 0xA8 || c == 0xB8) ++letters;
    }
    return high > 0 && letters * 4 >= high * 3;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
    std::size_t i = 0;
    while (i < bytes.size()) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        std::size_t extra = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) { ++i; continue; }
        if ((c & 0xE0) == 0xC0) { extra = 1; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { extra = 2; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { extra = 3; cp = c & 0x07; }
        else return false;
        if (i + extra >= bytes.size()) return false;  // cut off inside a character
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto next = static_cast<unsigned char>(bytes[i + k]);
            if ((next & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (next & 0x3F);
        }
        // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
        if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

std::string cp1251_to_utf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        if (c < 0x80) out += static_cast<char>(c);
        else if (c >= 0xC0) append_utf8(out, 0x0410u + (c - 0xC0u));
        else append_utf8(out, kHighHalf[c - 0x80u]);
    }
    return out;
}

sdk::Result<std::string> text_as_utf8(std::string_view bytes, const std::optional<std::string>& forced) {
    if (bytes.find('\0') != std::string_view::npos)
        return sdk::fail("unsupported-file-type", "the file is not text: give a CSV file (UTF-8 or cp1251) or an XLSX workbook", 422);
    if (forced && *forced != "utf-8" && *forced != "cp1251")
        return sdk::fail("invalid-encoding", "encoding is \"utf-8\" or \"cp1251\", not '" + forced->substr(0, 40) + "'", 422);
    const bool bom = bytes.substr(0, kBom.size()) == kBom;
    if (forced == std::optional<std::string>("cp1251")) return cp1251_to_utf8(bytes);
    if (bom) bytes.remove_prefix(kBom.size());
    if (is_valid_utf8(bytes)) return std::string(bytes);
    if (forced) return sdk::fail("invalid-encoding", "the file is not valid UTF-8; try \"encoding\": \"cp1251\"", 422);
    if (!bom && looks_like_cp1251(bytes)) return cp1251_to_utf8(bytes);
    return sdk::fail("unknown-encoding",
                     "the file's encoding is neither UTF-8 nor cp1251 Cyrillic text; resend with \"encoding\": \"utf-8\" or "
                     "\"cp1251\" if it is one of them",
                     422);
}

}  // namespace orbita::plugins::crm
