-- wrk script: every request is a different signed-in person, taken in turn
-- from a file of "wg_sid=TOKEN CSRF [VOTE_ID MATTER_ID SHIFT_ID HOUSEHOLD_ID]" lines
-- (bench/gen).
-- Each person sends exactly one request. Once every person has an answer,
-- the script prints "WG_CAST ok=N bad=N seconds=S rate=R" (S from the first
-- request to the last answer, by the monotonic clock) and exits: wrk itself
-- would run on to the end of -d. One thread (-t1). In WG_PATH, %v, %m and
-- %s stand for the line's vote, matter and shift, and in WG_BODY %h for its
-- household; WG_LIMIT caps the people.
--   WG_IDS=file WG_METHOD=PUT WG_PATH=/api/v1/votes/%v/ballot WG_BODY='{...}' \
--     wrk -t1 -c32 -d120s --timeout 30s -s bench/cast.lua http://127.0.0.1:PORT
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_nsec; } wg_timespec;
  int clock_gettime(int clk, wg_timespec *ts);
]]
local function now()
  local ts = ffi.new("wg_timespec")
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
end
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local nthreads = tonumber(os.getenv("WG_THREADS") or "1")
  local limit = tonumber(os.getenv("WG_LIMIT") or "100000000")
  local template = os.getenv("WG_PATH")
  local btemplate = os.getenv("WG_BODY") or ""
  ids = {}
  local i = 0
  for line in io.lines(os.getenv("WG_IDS")) do
    if i >= limit then break end
    if i % nthreads == id then
      local cookie, csrf, vote, matter, shift, home = line:match("^(%S+) (%S+) ?(%S*) ?(%S*) ?(%S*) ?(%S*)$")
      local p = template:gsub("%%v", vote):gsub("%%m", matter):gsub("%%s", shift)
      local b = btemplate:gsub("%%h", home)
      table.insert(ids, { cookie = cookie, csrf = csrf, path = p, body = b })
    end
    i = i + 1
  end
  method = os.getenv("WG_METHOD") or "POST"
  nextid = 1
  calls = 0
  answered = 0
  ok = 0
  bad = 0
end

function request()
  calls = calls + 1
  if id == 0 and calls == 1 then
    -- wrk calls the first thread's request() once to check the script
    -- (script_verify_request) and never sends that one: give it no person
    return wrk.format("GET", "/static/app.css")
  end
  local who = ids[nextid]
  if who == nil then
    -- everybody has been sent: keep the connection busy with a cheap read
    -- (a stylesheet, told apart by its type) until the last answers arrive
    return wrk.format("GET", "/static/app.css")
  end
  if nextid == 1 then t_start = now() end
  nextid = nextid + 1
  return wrk.format(method, who.path, {
    ["Cookie"] = who.cookie,
    ["X-CSRF-Token"] = who.csrf,
    ["Content-Type"] = "application/json",
  }, who.body)
end

function response(status, headers, rbody)
  local ctype = headers["Content-Type"] or headers["content-type"] or ""
  if answered < #ids and not ctype:find("^text/css") then
    answered = answered + 1
    if status >= 200 and status < 300 then ok = ok + 1 else bad = bad + 1 end
    if answered == #ids then
      local secs = now() - t_start
      io.write(string.format("WG_CAST ok=%d bad=%d seconds=%.3f rate=%.0f\n", ok, bad, secs, ok / secs))
      io.flush()
      os.exit(0)
    end
  end
end

function done(summary, latency, requests)
  -- reached only when -d ended before every person had an answer
  io.write(string.format("WG_CAST_INCOMPLETE ok=%d bad=%d\n", threads[1]:get("ok"), threads[1]:get("bad")))
end
