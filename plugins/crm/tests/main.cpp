// SPDX-License-Identifier: Apache-2.0
// Catch2's main for crm_tests (kept apart so the test files rebuild without it).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
