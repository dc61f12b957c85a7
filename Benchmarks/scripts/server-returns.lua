-- wrk script: POST a new delivery return for C-2026-0311 on every request. Each request's
-- return is a later submission of 2027-Q2 with a person of its own, so every one is read,
-- validated, stored and made current (the period's summaries rewritten): the full write path.
-- Usage: wrk -s server-returns.lua URL  (COOKIE and CSRF in the environment).
local counter = 0
local thread_id = 0
local next_thread = 0

function setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
end

local template = [[<?xml version="1.0" encoding="UTF-8"?>
<DeliveryReturn xmlns="urn:cbscore:return:1" contract="C-2026-0311" period="2027-Q2">
  <Submitted>%s</Submitted>
  <Hire ref="J1" person="P-B%d-%d" start="2027-04-06" fte="1.0" hourlyRate="13.60" area="S01011372">
    <TargetGroup>young-person</TargetGroup>
  </Hire>
  <PlacementCompleted ref="P1" count="5" weeks="2"/>
  <TrainingCompleted ref="T1" count="6" hours="35"/>
  <SupplyChainSpend ref="S1" kind="sme" amount="%d.00"/>
</DeliveryReturn>
]]

function request()
  counter = counter + 1
  -- A later Submitted date for each request of this thread; threads are years apart.
  local when = os.time({year = 2027 + thread_id * 40, month = 7, day = 14, hour = 12}) + counter * 86400
  local body = string.format(template, os.date("!%Y-%m-%d", when), thread_id, counter, 1000 + counter)
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/xml",
    ["Cookie"] = os.getenv("COOKIE"),
    ["X-CSRF-Token"] = os.getenv("CSRF"),
  }, body)
end
