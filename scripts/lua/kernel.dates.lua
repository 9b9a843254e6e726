-- SPDX-License-Identifier: Apache-2.0
-- Calendar-date helpers for robots and processes: orbita.modules.kernel.dates.
-- Dates are "YYYY-MM-DD" strings, as records store them.
local M = {}

local function parse(date)
  local y, m, d = string.match(date or "", "^(%d%d%d%d)-(%d%d)-(%d%d)$")
  if not y then error("expected a date YYYY-MM-DD, got " .. tostring(date), 3) end
  return tonumber(y), tonumber(m), tonumber(d)
end

local function days_in_month(y, m)
  local leap = (y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0
  return ({31, leap and 29 or 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31})[m]
end

-- Days since 1970-01-01 (proleptic Gregorian), without os.time's time zone.
local function day_number(y, m, d)
  if m <= 2 then y = y - 1 end
  local era = (y >= 0 and y or y - 399) // 400
  local yoe = y - era * 400
  local mp = (m + 9) % 12
  local doy = (153 * mp + 2) // 5 + d - 1
  local doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
  return era * 146097 + doe - 719468
end

local function from_day_number(z)
  z = z + 719468
  local era = (z >= 0 and z or z - 146096) // 146097
  local doe = z - era * 146097
  local yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
  local doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
  local mp = (5 * doy + 2) // 153
  local d = doy - (153 * mp + 2) // 5 + 1
  local m = mp < 10 and mp + 3 or mp - 9
  local y = yoe + era * 400 + (m <= 2 and 1 or 0)
  return string.format("%04d-%02d-%02d", y, m, d)
end

--- The date `n` days after `date` (n may be negative).
function M.add_days(date, n)
  return from_day_number(day_number(parse(date)) + n)
end

--- Days from `a` to `b` (negative when b is earlier).
function M.days_between(a, b)
  return day_number(parse(b)) - day_number(parse(a))
end

--- Whole months from `a` to `b`. A month ends on the same day of the month, or on the
--- last day of a shorter month: 2025-01-31 -> 2025-02-28 is 1, -> 2025-02-27 is 0.
function M.months_between(a, b)
  local y1, m1, d1 = parse(a)
  local y2, m2, d2 = parse(b)
  local months = (y2 - y1) * 12 + (m2 - m1)
  if d2 < math.min(d1, days_in_month(y2, m2)) then months = months - 1 end
  return months
end

--- Seed 003 §8: how many days before the contract end a renewal deal is due.
--- Contracts shorter than const.NotificationStep months get const.LessReminderPeriod,
--- the others const.LargeReminderPeriod.
function M.renewal_lead_days(contract_date, contract_end)
  local term = M.months_between(contract_date, contract_end)
  if term < const.NotificationStep then return const.LessReminderPeriod end
  return const.LargeReminderPeriod
end

return M
