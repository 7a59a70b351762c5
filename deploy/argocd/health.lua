-- Argo CD health of a SwarmRelease (tradingswarm.io/v1alpha1), from status.phase and the kstatus
-- conditions. Argo CD runs it with `obj` set to the live object and shows hs.status and hs.message.
local hs = {}
local phases = {
  Succeeded = "Healthy",
  Pending = "Progressing",
  Progressing = "Progressing",
  Promoting = "Progressing",
  RollingBack = "Progressing",
  Paused = "Suspended",
  RolledBack = "Degraded",
  Degraded = "Degraded",
  InvalidSpec = "Degraded",
}

local function condition(status, type)
  if status.conditions == nil then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if c.type == type then
      return c
    end
  end
  return nil
end

local status = obj.status
if status == nil or status.phase == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to pick up the release"
  return hs
end
if status.observedGeneration ~= nil and obj.metadata.generation ~= nil
    and status.observedGeneration < obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. obj.metadata.generation
  return hs
end

hs.status = phases[status.phase]
if hs.status == nil then
  -- A phase this script does not know (a newer operator): fall back on the kstatus conditions.
  local stalled, paused, ready = condition(status, "Stalled"), condition(status, "Paused"), condition(status, "Ready")
  if stalled ~= nil and stalled.status == "True" then
    hs.status = "Degraded"
  elseif paused ~= nil and paused.status == "True" then
    hs.status = "Suspended"
  elseif ready ~= nil and ready.status == "True" then
    hs.status = "Healthy"
  else
    hs.status = "Progressing"
  end
end

local stalled = condition(status, "Stalled")
local reason = ""
if stalled ~= nil and stalled.status == "True" and stalled.reason ~= nil then
  reason = " (" .. stalled.reason .. ")"
end
hs.message = status.phase .. reason .. ": " .. (status.message or "")
return hs
