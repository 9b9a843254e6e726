// SPDX-License-Identifier: Apache-2.0
#include "files/files_api.hpp"

#include "core/problem.hpp"
#include "files/file_store.hpp"
#include "http/router.hpp"
#include "records/list_query.hpp"
#include "records/record_repository.hpp"

#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/URI.h>

#include <fstream>

namespace orbita::kernel::files {

using http::Request;
using http::Response;

namespace {

// RFC 5987 filename* so Cyrillic names survive the download.
std::string content_disposition(const std::string& name) {
    std::string ascii;
    for (unsigned char c : name) ascii += (c < 0x80 && c != '"' && c != '\\') ? static_cast<char>(c) : '_';
    std::string encoded;
    Poco::URI::encode(name, "!#$&+,/:;=?@[]\"' ", encoded);
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

StoredFile save_multipart(FileStore& store, Request& req) {
    std::string media, params;
    Poco::Net::NameValueCollection values;
    Poco::Net::MessageHeader::splitParameters(req.content_type(), media, values);
    const std::string boundary = values.get("boundary", "");
    if (boundary.empty()) throw Problem::bad_request("multipart/form-data without a boundary");
    Poco::Net::MultipartReader reader(req.body_stream(), boundary);
    while (reader.hasNextPart()) {
        Poco::Net::MessageHeader header;
        reader.nextPart(header);
        std::string disposition;
        Poco::Net::NameValueCollection disp;
        Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition, disp);
        if (!disp.has("filename")) {
            reader.stream().ignore(std::numeric_limits<std::streamsize>::max());
            continue;
        }
        auto file = store.save(req.actor(), reader.stream(), disp.get("filename"),
                               header.get("Content-Type", "application/octet-stream"));
        // Read the closing boundary so the connection can be reused.
        while (reader.hasNextPart()) {
            reader.nextPart(header);
            reader.stream().ignore(std::numeric_limits<std::streamsize>::max());
        }
        return file;
    }
    throw Problem::bad_request("the multipart body has no file part (a part with a filename)");
}

}  // namespace

void register_files_api(http::Router& router, FileStore& store, records::RecordRepository& records) {
    // The metadata of a file the actor may see, else 404 (existence does not leak).
    auto visible = [&store, &records](Request& req) {
        auto file = store.find(req.id_param("id"));
        const auto& actor = req.actor();
        if (file && (actor.system || (file->uploaded_by && *file->uploaded_by == actor.user_id) ||
                     records.file_visible_through_records(actor, file->id)))
            return *file;
        throw Problem::not_found("file #" + req.param("id") + " does not exist");
    };
    router.add({.method = "POST", .pattern = "/api/v1/files", .handler = [&store](Request& req) {
                    records::reject_unknown_params(req.query(), {"name"});
                    if (req.content_length() > store.max_bytes())
                        throw Problem::payload_too_large("the file is larger than the limit of " +
                                                         std::to_string(store.max_bytes()) + " bytes");
                    StoredFile file;
                    if (req.content_type().rfind("multipart/form-data", 0) == 0) {
                        file = save_multipart(store, req);
                    } else {
                        std::string name = req.query_param("name").value_or(req.header("X-File-Name"));
                        file = store.save(req.actor(), req.body_stream(), name, req.content_type());
                    }
                    Response r = Response::json(201, file.to_json());
                    r.headers.emplace_back("Location", "/api/v1/files/" + std::to_string(file.id));
                    return r;
                },
                .streaming_body = true,
                .summary = "Upload a file (raw body with ?name=, or multipart/form-data)", .tag = "files"});

    router.add({.method = "GET", .pattern = "/api/v1/files/{id}", .handler = [visible](Request& req) {
                    return Response::json(visible(req).to_json());
                },
                .summary = "File metadata", .tag = "files"});

    router.add({.method = "GET", .pattern = "/api/v1/files/{id}/content", .handler = [&store, visible](Request& req) {
                    auto file = std::optional<StoredFile>(visible(req));
                    Response r;
                    r.content_type = file->content_type;
                    r.content_length = file->size;
                    r.headers.emplace_back("Content-Disposition", content_disposition(file->name));
                    r.headers.emplace_back("ETag", "\"" + file->sha256 + "\"");
                    r.headers.emplace_back("Cache-Control", "private, max-age=3600");
                    const auto path = store.content_path(*file);
                    r.stream = [path](std::ostream& out) {
                        std::ifstream in(path, std::ios::binary);
                        out << in.rdbuf();
                    };
                    return r;
                },
                .summary = "Download a file", .tag = "files"});
}

}  // namespace orbita::kernel::files
