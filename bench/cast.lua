-- wrk script: every request is a different signed-in person, taken in turn
-- from a file of "wg_sid=TOKEN CSRF [VOTE_ID MATTER_ID]" lines (bench/gen).
-- Each person sends exactly one request; a thread stops once its people are
-- done, so wrk's elapsed time is the time to serve them all. In WG_PATH, %v
-- and %m stand for the line's vote and matter; WG_LIMIT caps the people.
--   WG_IDS=file WG_METHOD=PUT WG_PATH=/api/v1/votes/%v/ballot WG_BODY='{...}' \
--     wrk -t1 -c32 -d120s -s bench/cast.lua http://127.0.0.1:PORT
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
  ids = {}
  local i = 0
  for line in io.lines(os.getenv("WG_IDS")) do
    if i >= limit then break end
    if i % nthreads == id then
      local cookie, csrf, vote, matter = line:match("^(%S+) (%S+) ?(%S*) ?(%S*)$")
      local p = template:gsub("%%v", vote):gsub("%%m", matter)
      table.insert(ids, { cookie = cookie, csrf = csrf, path = p })
    end
    i = i + 1
  end
  method = os.getenv("WG_METHOD") or "POST"
  body = os.getenv("WG_BODY")
  nextid = 1
  answered = 0
  ok = 0
  bad = 0
end

function request()
  local who = ids[nextid]
  if who == nil then
    -- everybody has been sent: keep the connection busy with a cheap read
    -- (a stylesheet, told apart by its type) until the last answers arrive
    return wrk.format("GET", "/static/app.css")
  end
  nextid = nextid + 1
  return wrk.format(method, who.path, {
    ["Cookie"] = who.cookie,
    ["X-CSRF-Token"] = who.csrf,
    ["Content-Type"] = "application/json",
  }, body)
end

function response(status, headers, rbody)
  local ctype = headers["Content-Type"] or headers["content-type"] or ""
  if answered < #ids and not ctype:find("^text/css") then
    answered = answered + 1
    if status >= 200 and status < 300 then ok = ok + 1 else bad = bad + 1 end
    if answered == #ids then wrk.thread:stop() end
  end
end

function done(summary, latency, requests)
  local t_ok, t_bad = 0, 0
  for _, t in ipairs(threads) do
    t_ok = t_ok + t:get("ok")
    t_bad = t_bad + t:get("bad")
  end
  local secs = summary.duration / 1e6
  io.write(string.format("WG_CAST ok=%d bad=%d seconds=%.3f rate=%.0f p50_ms=%.2f p99_ms=%.2f\n",
    t_ok, t_bad, secs, t_ok / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
