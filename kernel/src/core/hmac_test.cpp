// SPDX-License-Identifier: Apache-2.0
#include "core/hmac.hpp"

#include <catch2/catch.hpp>

using orbita::kernel::hmac_sha256_hex;

TEST_CASE("HMAC-SHA256 matches the RFC 4231 test vectors", "[hmac]") {
    // Test case 2: a short key.
    CHECK(hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    // Test case 6: a key longer than the block size is hashed first.
    CHECK(hmac_sha256_hex(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First") ==
          "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}
