// SPDX-License-Identifier: Apache-2.0
// Catch2 entry point shared by every test executable; quiets the server log.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <spdlog/spdlog.h>

#include <cstdlib>

int main(int argc, char* argv[]) {
    const char* level = std::getenv("ORBITA_TEST_LOG_LEVEL");
    spdlog::set_level(spdlog::level::from_str(level ? level : "warn"));
    return Catch::Session().run(argc, argv);
}
