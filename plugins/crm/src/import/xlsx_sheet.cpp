// SPDX-License-Identifier: Apache-2.0
#include "import/xlsx_sheet.hpp"

#include <Poco/Exception.h>
#include <Poco/SAX/Attributes.h>
#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/InputSource.h>
#include <Poco/SAX/SAXParser.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <functional>
#include <sstream>
#include <vector>

namespace orbita::plugins::crm {

namespace {

using Poco::XML::XMLString;

sdk::Error invalid(const std::string& why) {
    return sdk::fail("invalid-workbook", "the file is not a readable XLSX workbook: " + why, 422);
}

// Element handlers get the local name and attributes; text is collected in between.
class SaxHandler : public Poco::XML::DefaultHandler {
public:
    std::function<void(const std::string&, const Poco::XML::Attributes&)> on_start = [](auto&, auto&) {};
    std::function<void(const std::string&, const std::string& text)> on_end = [](auto&, auto&) {};

    void startElement(const XMLString&, const XMLString& local, const XMLString&, const Poco::XML::Attributes& a) override {
        text_.clear();
        on_start(local, a);
    }
    void endElement(const XMLString&, const XMLString& local, const XMLString&) override { on_end(local, text_); }
    void characters(const XMLString::value_type ch[], int start, int length) override {
        text_.append(ch + start, static_cast<std::size_t>(length));
    }

private:
    std::string text_;
};

void parse_xml(const std::string& xml, SaxHandler& handler) {
    std::istringstream in(xml);
    Poco::XML::InputSource source(in);
    Poco::XML::SAXParser parser;
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, true);
    parser.setContentHandler(&handler);
    parser.parse(&source);
}

// Column index of a cell reference: "C7" -> 2.
std::size_t column_of(const std::string& ref) {
    std::size_t col = 0;
    for (char c : ref) {
        if (c < 'A' || c > 'Z') break;
        col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
    }
    return col == 0 ? 0 : col - 1;
}

std::string quoted(const std::string& cell) {
    std::string out = "\"";
    for (char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

class Workbook {
public:
    Workbook(std::string_view bytes, std::size_t max_bytes) : in_(std::string(bytes)), archive_(in_), max_bytes_(max_bytes) {}

    // The entry's content, or nullopt when the archive has no such entry.
    sdk::Result<std::optional<std::string>> entry(const std::string& name) {
        auto header = archive_.findHeader(name);
        if (header == archive_.headerEnd()) return std::optional<std::string>();
        in_.clear();
        Poco::Zip::ZipInputStream stream(in_, header->second, true);
        std::string out;
        char buffer[65536];
        while (stream.read(buffer, sizeof buffer) || stream.gcount() > 0) {
            out.append(buffer, static_cast<std::size_t>(stream.gcount()));
            if (out.size() > max_bytes_)
                return sdk::fail("file-too-large", "the workbook's " + name + " is larger than " + std::to_string(max_bytes_) + " bytes", 413);
        }
        return std::optional<std::string>(std::move(out));
    }

private:
    std::istringstream in_;
    Poco::Zip::ZipArchive archive_;
    std::size_t max_bytes_;
};

// "xl/worksheets/sheet1.xml": the part of the first <sheet> of the workbook.
sdk::Result<std::string> first_sheet_path(Workbook& book) {
    auto workbook = book.entry("xl/workbook.xml");
    if (!workbook.ok()) return workbook.error();
    auto rels = book.entry("xl/_rels/workbook.xml.rels");
    if (!rels.ok()) return rels.error();
    if (!workbook.value() || !rels.value()) return invalid("it has no xl/workbook.xml");
    std::string rel_id;
    SaxHandler sheets;
    sheets.on_start = [&](const std::string& name, const Poco::XML::Attributes& a) {
        if (name == "sheet" && rel_id.empty())
            rel_id = a.getValue("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id");
    };
    parse_xml(*workbook.value(), sheets);
    std::string target;
    SaxHandler relations;
    relations.on_start = [&](const std::string& name, const Poco::XML::Attributes& a) {
        if (name == "Relationship" && a.getValue("", "Id") == rel_id) target = a.getValue("", "Target");
    };
    parse_xml(*rels.value(), relations);
    if (target.empty()) return invalid("its first sheet is missing");
    return target[0] == '/' ? target.substr(1) : "xl/" + target;
}

std::vector<std::string> shared_strings(const std::optional<std::string>& xml) {
    std::vector<std::string> out;
    if (!xml) return out;
    std::string current;
    bool in_phonetic = false;  // <rPh> holds reading hints, not text
    SaxHandler handler;
    handler.on_start = [&](const std::string& name, const Poco::XML::Attributes&) {
        if (name == "si") current.clear();
        if (name == "rPh") in_phonetic = true;
    };
    handler.on_end = [&](const std::string& name, const std::string& text) {
        if (name == "t" && !in_phonetic) current += text;
        if (name == "rPh") in_phonetic = false;
        if (name == "si") out.push_back(current);
    };
    parse_xml(*xml, handler);
    return out;
}

}  // namespace

bool is_zip(std::string_view bytes) { return bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4); }

sdk::Result<std::string> first_sheet_as_csv(std::string_view bytes, std::size_t max_bytes) {
    try {
        Workbook book(bytes, max_bytes);
        auto path = first_sheet_path(book);
        if (!path.ok()) return path.error();
        auto strings_xml = book.entry("xl/sharedStrings.xml");
        if (!strings_xml.ok()) return strings_xml.error();
        const auto strings = shared_strings(strings_xml.value());
        auto sheet = book.entry(path.value());
        if (!sheet.ok()) return sheet.error();
        if (!sheet.value()) return invalid("its first sheet " + path.value() + " is missing");

        std::string csv, cell_type, inline_text;
        std::vector<std::string> row;
        std::size_t column = 0, lines = 0;
        std::optional<std::string> value;
        SaxHandler handler;
        handler.on_start = [&](const std::string& name, const Poco::XML::Attributes& a) {
            if (name == "row") {
                row.clear();
                // Rows without cells are absent from the XML: blank lines keep the
                // line numbers of the CSV equal to the sheet's row numbers.
                const auto number = a.getValue("", "r");
                const auto wanted = number.empty() ? lines + 1 : std::stoul(number);
                for (; lines + 1 < wanted; ++lines) csv += "\n";
            }
            if (name == "c") {
                column = a.getValue("", "r").empty() ? row.size() : column_of(a.getValue("", "r"));
                cell_type = a.getValue("", "t");
                value.reset();
                inline_text.clear();
            }
        };
        handler.on_end = [&](const std::string& name, const std::string& text) {
            if (name == "v") value = text;
            if (name == "t") inline_text += text;  // <is><t> of an inline string
            if (name == "c") {
                std::string cell = cell_type == "inlineStr" ? inline_text : value.value_or("");
                if (cell_type == "s" && value) {
                    const auto index = std::stoul(*value);
                    cell = index < strings.size() ? strings[index] : "";
                } else if (cell_type == "b") {
                    cell = cell == "1" ? "TRUE" : "FALSE";
                }
                if (row.size() <= column) row.resize(column + 1);
                row[column] = std::move(cell);
            }
            if (name == "row") {
                for (std::size_t i = 0; i < row.size(); ++i) csv += (i ? ";" : "") + quoted(row[i]);
                csv += "\n";
                ++lines;
            }
        };
        parse_xml(*sheet.value(), handler);
        return csv;
    } catch (const Poco::Exception& e) {
        return invalid(e.displayText().substr(0, 200));
    } catch (const std::exception& e) {
        return invalid(std::string(e.what()).substr(0, 200));
    }
}

}  // namespace orbita::plugins::crm
