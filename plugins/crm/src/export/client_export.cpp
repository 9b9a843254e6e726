// SPDX-License-Identifier: Apache-2.0
#include "export/client_export.hpp"

#include "export/table_writer.hpp"
#include "import/base64.hpp"
#include "record_query.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace orbita::plugins::crm {

namespace {

using nlohmann::json;

constexpr std::size_t kPage = 500;

sdk::Error invalid(const std::string& why) { return sdk::fail("invalid-input", why, 422); }

// What to export, read from the request body.
struct ExportPlan {
    std::string format = "csv";
    json filter = json::object();  // REST list parameters
    std::size_t skip = 0;          // part: clients before the range
    std::size_t limit = SIZE_MAX;  // part: clients in the range
    std::vector<std::string> fields = ClientExport::columns();
};

sdk::Result<std::size_t> positive(const json& body, const char* key) {
    if (!body.contains(key) || !body[key].is_number_integer() || body[key].get<std::int64_t>() < 1)
        return invalid(std::string(key) + " is a whole number of at least 1");
    return body[key].get<std::size_t>();
}

sdk::Result<ExportPlan> plan_of(const json& body) {
    if (!body.is_object()) return invalid("the body is {\"format\": \"csv\"|\"xlsx\", \"mode\": \"all\"|\"part\"|\"list\", ...}");
    ExportPlan plan;
    plan.format = body.value("format", json("csv")).is_string() ? body.value("format", std::string("csv")) : "";
    if (plan.format != "csv" && plan.format != "xlsx") return invalid("format is \"csv\" or \"xlsx\"");
    const auto mode = body.value("mode", json("all"));
    if (mode == "part") {
        auto start = positive(body, "start");
        if (!start.ok()) return start.error();
        auto count = positive(body, "count");
        if (!count.ok()) return count.error();
        plan.skip = start.value() - 1;
        plan.limit = count.value();
    } else if (mode == "list") {
        auto list = positive(body, "list");
        if (!list.ok()) return invalid("list is the id of a client list");
        plan.filter["filter[lists][contains]"] = std::to_string(list.value());
    } else if (mode != "all") {
        return invalid("mode is \"all\", \"part\" (with start and count) or \"list\" (with list)");
    }
    if (body.contains("fields")) {
        const auto& fields = body["fields"];
        const auto& known = ClientExport::columns();
        if (!fields.is_array() || fields.empty()) return invalid("fields is a non-empty array of client fields");
        plan.fields.clear();
        for (const auto& known_field : known) {
            if (std::find(fields.begin(), fields.end(), known_field) != fields.end()) plan.fields.push_back(known_field);
        }
        for (const auto& f : fields) {
            if (!f.is_string() || std::find(known.begin(), known.end(), f.get<std::string>()) == known.end())
                return invalid("fields: unknown field " + f.dump() + "; known: number, last_name, first_name, middle_name, "
                               "birth_date, address, phones, emails");
        }
    }
    return plan;
}

using Contacts = std::optional<std::map<std::int64_t, std::string>>;

// Phones or e-mails of a page of clients, in one query: client id -> "a, b"; nullopt
// when the caller may not read that type.
sdk::Result<Contacts> contacts_of(sdk::Records& records, const char* type, const char* field,
                                                            const std::vector<std::int64_t>& ids) {
    Contacts out = std::map<std::int64_t, std::string>();
    if (ids.empty()) return out;
    auto rows = list_all(records, type, {{"filter[client][in]", id_list(ids)}, {"sort", "position"}});
    if (!rows.ok() && rows.error().status == 403) return Contacts();  // the caller may not read them: no column
    if (!rows.ok()) return rows.error();
    for (const auto& r : rows.value()) {
        auto value = r.value(field, json());
        if (value.is_object()) value = value.value("e164", json());  // a phone field: E.164
        if (!value.is_string()) continue;
        auto& text = (*out)[r["client"].get<std::int64_t>()];
        text += (text.empty() ? "" : ", ") + value.get<std::string>();
    }
    return out;
}

std::string cell_text(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return "";
    return v.dump();
}

}  // namespace

const std::vector<std::string>& ClientExport::columns() {
    static const std::vector<std::string> fields = {"number",  "last_name", "first_name", "middle_name",
                                                    "birth_date", "address", "phones",     "emails"};
    return fields;
}

sdk::Result<nlohmann::json> ClientExport::run(sdk::Records& records, const nlohmann::json& body) const {
    auto plan = plan_of(body);
    if (!plan.ok()) return plan.error();
    const auto& p = plan.value();
    auto writer = make_table_writer(p.format, "Clients");
    std::vector<std::string> header;  // chosen on the first page: fields the caller may see
    std::size_t seen = 0, rows = 0;
    json query = p.filter;
    query["sort"] = "id";
    query["limit"] = std::to_string(kPage);
    for (bool more = true; more && rows < p.limit;) {
        auto page = records.list("client", query);
        if (!page.ok()) return page.error();
        const auto& items = page.value()["items"];
        more = page.value()["next_cursor"].is_string();
        if (more) query["cursor"] = page.value()["next_cursor"];
        std::vector<std::int64_t> ids;
        for (const auto& c : items) ids.push_back(id_of(c));
        auto phones_found = contacts_of(records, "client_phone", "phone", ids);
        if (!phones_found.ok()) return phones_found.error();
        auto emails_found = contacts_of(records, "client_email", "email", ids);
        if (!emails_found.ok()) return emails_found.error();
        auto phones = std::move(phones_found).value();
        auto emails = std::move(emails_found).value();
        if (header.empty() && !items.empty()) {
            for (const auto& f : p.fields) {
                if ((f == "phones" && phones) || (f == "emails" && emails) || items[0].contains(f)) header.push_back(f);
            }
            CRM_CHECK(writer->row(header));
        }
        for (const auto& client : items) {
            if (seen++ < p.skip) continue;
            if (rows >= p.limit) break;
            std::vector<std::string> cells;
            for (const auto& f : header) {
                if (f == "phones") cells.push_back(phones ? (*phones)[id_of(client)] : "");
                else if (f == "emails") cells.push_back(emails ? (*emails)[id_of(client)] : "");
                else cells.push_back(cell_text(client.value(f, json())));
            }
            CRM_CHECK(writer->row(cells));
            ++rows;
        }
    }
    if (header.empty()) CRM_CHECK(writer->row(p.fields));  // nothing to export: the header alone
    auto bytes = writer->finish();
    if (!bytes.ok()) return bytes.error();
    return json{{"file_name", "clients." + writer->extension()}, {"content_type", writer->content_type()}, {"rows", rows},
                {"content_base64", base64_encode(bytes.value())}};
}

}  // namespace orbita::plugins::crm
