-- wrk script for bench/http.py: every request asks for a path not asked for before in the
-- run (each thread takes every n-th line of the file), so each one is a page-cache miss.
--   wrk -t2 -c16 -d10s -s bench/distinct.lua http://127.0.0.1:8000 -- paths.txt 2
local threads = 0

function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  step = tonumber(args[2])
  index = offset
end

function request()
  local path = paths[(index % #paths) + 1]
  index = index + step
  return wrk.format("GET", path)
end
