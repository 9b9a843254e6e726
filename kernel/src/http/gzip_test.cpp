// SPDX-License-Identifier: Apache-2.0
#include "http/gzip.hpp"

#include <Poco/InflatingStream.h>
#include <Poco/StreamCopier.h>

#include <catch2/catch.hpp>

#include <sstream>

using namespace orbita::kernel::http;

TEST_CASE("gzip_compress produces a gzip stream that inflates back") {
    std::string data;
    for (int i = 0; i < 2000; ++i) data += "{\"subject\": \"Обращение " + std::to_string(i) + "\"},";
    const std::string zipped = gzip_compress(data);
    REQUIRE(zipped.size() > 2);
    CHECK(static_cast<unsigned char>(zipped[0]) == 0x1f);  // gzip magic
    CHECK(static_cast<unsigned char>(zipped[1]) == 0x8b);
    CHECK(zipped.size() < data.size() / 4);
    std::istringstream in(zipped);
    Poco::InflatingInputStream inflater(in, Poco::InflatingStreamBuf::STREAM_GZIP);
    std::ostringstream out;
    Poco::StreamCopier::copyStream(inflater, out);
    CHECK(out.str() == data);
    CHECK_FALSE(gzip_compress("").empty());
}

TEST_CASE("accepts_gzip honours codings and weights") {
    CHECK(accepts_gzip("gzip"));
    CHECK(accepts_gzip("gzip, deflate, br"));
    CHECK(accepts_gzip("br;q=1.0, gzip;q=0.8, *;q=0.1"));
    CHECK(accepts_gzip("GZIP"));
    CHECK(accepts_gzip("x-gzip"));
    CHECK(accepts_gzip("*"));
    CHECK(accepts_gzip("deflate, gzip ; q=0.5"));
    CHECK_FALSE(accepts_gzip(""));
    CHECK_FALSE(accepts_gzip("identity"));
    CHECK_FALSE(accepts_gzip("br, deflate"));
    CHECK_FALSE(accepts_gzip("gzip;q=0"));
    CHECK_FALSE(accepts_gzip("gzip;q=0.000"));
    CHECK_FALSE(accepts_gzip("*;q=0"));
    CHECK_FALSE(accepts_gzip("gzip;q=0, *"));   // the explicit refusal wins
    CHECK(accepts_gzip("*;q=0, gzip"));
    CHECK_FALSE(accepts_gzip("nogzip"));
}

TEST_CASE("is_compressible: text formats only") {
    CHECK(is_compressible("application/json"));
    CHECK(is_compressible("application/problem+json"));
    CHECK(is_compressible("text/plain; version=0.0.4; charset=utf-8"));
    CHECK(is_compressible("application/javascript"));
    CHECK(is_compressible("image/svg+xml"));
    CHECK_FALSE(is_compressible("image/png"));
    CHECK_FALSE(is_compressible("application/zip"));
    CHECK_FALSE(is_compressible(""));
}
