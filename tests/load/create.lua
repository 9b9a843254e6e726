-- POST /api/v1/records/ticket: a valid new ticket per request (reference, phone,
-- money, date and enum fields, so validation, reference checks, the autonumber,
-- history and the search document all run). Arguments: department=N; see common.lua.
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

local statuses = {"new", "in_progress", "waiting"}
local priorities = {"low", "normal", "high", "urgent"}
local n = 0
local headers

function init(args)
    common.parse_args(args)
    headers = common.headers({["Content-Type"] = "application/json"})
end

function request()
    n = n + 1
    local body = string.format(
        '{"subject":"Load test ticket %d-%d","description":"Created by wrk",' ..
        '"status":"%s","priority":"%s","client_name":"Bench Client %d",' ..
        '"phone":"+7 916 %03d-%02d-%02d","email":"bench%d@mail.example",' ..
        '"amount":{"amount":%d.5,"currency":"RUB"},"due_date":"2026-12-%02d",' ..
        '"department":%s,"rating":%d,"paid":%s}',
        thread_no or 0, n, statuses[n % #statuses + 1], priorities[n % #priorities + 1], n % 1000,
        math.random(0, 999), math.random(0, 99), math.random(0, 99), n, math.random(1, 99999),
        math.random(10, 28), common.args.department or "null", math.random(1, 5),
        (n % 2 == 0) and "true" or "false")
    return wrk.format("POST", "/api/v1/records/" .. common.type, headers, body)
end
