-- repl.lua: the policy of an interactive session (pw_eval in
-- vm/engine/session.c): how values are shown, the dot-commands, the timer,
-- and the log of inputs that .save writes.
-- Exports: show(...), after(input, kind, seconds, rows), command(line) -> quit,
--          set_display(width, height, color)
local select, format, require, ipairs, pairs = select, string.format, require, ipairs, pairs
local core = require "pathway.core"
local show = require "pathway.show"
local review = require "pathway.review"
local commands = require "pathway.repl_commands"
_ENV = nil

-- The state of the session (one per engine, as each engine has its own
-- lua_State and so its own copy of this module).
local session = {
  display = { width = 80, height = 24, color = false },  -- set by pw_set_display
  timer = false,      -- .timer on: time every input
  log = {},           -- successful inputs, as .save writes them: {text =, declares =}
  declared = {},      -- criterion name -> the declaration seen after the last input
}

local function show_values(...)
  core.write("stdout", show.render(session.display, select("#", ...), ...))
end

-- The criteria an input (re)declared: their names. An earlier input that
-- only declared criteria declared again since is dropped from the log, so
-- that .save writes a script that runs (a script may declare each once).
local function track_declarations(entry)
  local now = {}
  for _, c in ipairs(review.declared()) do now[c.name] = c end
  entry.declares = {}
  for name, c in pairs(now) do
    if session.declared[name] ~= c then
      entry.declares[name] = true
      if session.declared[name] then
        for _, old in ipairs(session.log) do
          if old ~= entry and old.declares and old.declares[name] then
            old.declares[name] = nil
            old.superseded = true
          end
        end
      end
    end
  end
  session.declared = now
end

-- An input that ran: log it for .save, warn about `local`, time it.
local function after(input, kind, seconds, rows)
  if kind ~= "command" then
    local entry = { text = kind == "shown" and format("print(%s)", input) or input }
    session.log[#session.log + 1] = entry
    track_declarations(entry)
    local name = input:match("^%s*local%s+function%s+([%w_]+)") or input:match("^%s*local%s+([%w_]+)")
    if kind == "statements" and name then
      core.write("stderr", format("note: local %s lives only in this input; leave out `local` to keep it\n", name))
    end
  end
  if session.timer and not input:match("^%s*%.timer") then core.write("stdout", commands.timer_line(seconds, rows)) end
end

local function command(line)
  return commands.run(session, line)
end

local function set_display(width, height, color)
  session.display = { width = width, height = height, color = color }
end

return { show = show_values, after = after, command = command, set_display = set_display }
