-- wrk script: POST one valid urlencoded lead per request, each with its
-- own idempotency key (thread number + counter), asking for JSON (201).
local threads = {}
local thread_no = 0

function setup(thread)
  thread_no = thread_no + 1
  thread:set("tid", thread_no)
  table.insert(threads, thread)
end

-- An optional script argument paces each connection: milliseconds to wait
-- after a response before the next request (the offered load is then
-- about connections * 1000 / (delay + latency) requests per second).
local pause = 0

function init(args)
  pause = tonumber(args[1] or "0") or 0
end

function delay()
  return pause
end

local counter = 0
local headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded",
  ["Accept"] = "application/json",
  ["Origin"] = "https://bench.example",
}

function request()
  counter = counter + 1
  local key = "bench-" .. tid .. "-" .. counter
  local body = "email=lead" .. counter .. "%40example.com&name=Load+Test&message=Hello+from+wrk%0D%0Asecond+line" ..
    "&_page=%2Fstories%2Fbench%2F&_story=Bench+story&_utm_campaign=load&_idempotency=" .. key
  return wrk.format("POST", "/bench", headers, body)
end

created = 0
other = 0

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    o = o + t:get("other")
  end
  io.write(string.format("RESULT created=%d other=%d socket_errors=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f\n",
    c, o, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
