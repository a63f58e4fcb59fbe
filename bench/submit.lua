-- bench/submit.lua: wrk script for bench/submissions.sh's capacity run with wrk: every request
-- is an anonymous POST /api/v1/requests with a fresh applicant name. wrk counts any answer
-- other than 2xx under errors.status; the script then checks the stored count against it.
local n = 0

request = function()
  n = n + 1
  local body = '{"agency":"' .. (os.getenv("CODE") or "11500233000000001L") ..
    '","applicant_type":"natural_person","applicant_name":"压测' .. n ..
    '","id_type":"resident_id","id_number":"11010519491231002X","phone":"13800000000",' ..
    '"description":"2024年财政预算执行情况","form":"electronic","delivery":"online"}'
  return wrk.format("POST", "/api/v1/requests", { ["Content-Type"] = "application/json" }, body)
end

done = function(summary, latency, requests)
  io.write(string.format("   wrk: %d requests in %.1f s, %.0f/s; non-2xx or errors: %d (connect %d, read %d, write %d, timeout %d, status %d)\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
  io.write(string.format("   latency p50 %.1f ms, p99 %.1f ms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
