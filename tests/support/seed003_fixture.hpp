// SPDX-License-Identifier: Apache-2.0
// Seed 003's reference automation (tests/fixtures/seed003) installed as an administrator
// would install it, and the effects it has had, as one sorted timeline.
#pragma once

#include "support/test_server.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace orbita::test {

/// The logins the fixture assigns work to: manager (owner of leads and deals),
/// supervisor, clerk and it_director (the constants Supervisor, Clerk, IT_Director).
const std::vector<std::string>& seed003_people();

/// Creates the people of seed003_people() (no roles: they only receive tasks and
/// notifications) and answers login -> id.
std::map<std::string, std::int64_t> create_seed003_people(TestServer& server);

/// Declares the fixture's entity types (types/*.entity.json, also written to
/// <data_dir>/types so they survive restarts), then through the admin API: the working
/// calendar's days (calendar.json), the constants (constants.json; a value
/// {"user": login} is that user's id), the stored scripts (scripts/<kind>/<name>.lua),
/// the pipelines (pipelines.json), robots (robots.json) and triggers (triggers.json),
/// whose "stage" is "<pipeline key>/<stage key>". Requires the people to exist.
/// Answers the created pipelines by key.
std::map<std::string, nlohmann::json> install_seed003(TestServer& server, const std::filesystem::path& fixture_dir);

/// Everything the automation did so far, one line per effect, sorted (so by time):
///   "<time> <type>#<id> -> <pipeline>/<stage>"        a record entered a stage
///   "<time> <task type> @<assignee>: <title>"          a task was created
///   "<time> notify @<login>: <text>"                    an in-app notification
///   "<time> email <to>: <subject> | <text>"             an e-mail in the outbox
std::vector<std::string> seed003_timeline(TestServer& server, const std::map<std::string, std::int64_t>& people);

/// The text of a file; fails the test when it cannot be read.
std::string read_text_file(const std::filesystem::path& path);

}  // namespace orbita::test
