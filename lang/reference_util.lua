-- reference_util.lua: constructors of reference entries (schema: docs/reference/index.md).
-- Exports: p(name, type, description), r(type, description), fn(...), method(...),
-- class(...), module(...), topic(...), value(...).
-- A param or return is both positional and named, {name, type, description,
-- name =, type =, description =}, so readers may take either form.
local U = {}

function U.p(name, type, description)
  return { name, type, description, name = name, type = type, description = description }
end

function U.r(type, description)
  return { type, description, type = type, description = description }
end

-- A function or method: t holds signature, summary, params, returns, example, body.
local function callable(kind, name, t)
  t.kind, t.name = kind, name
  t.params = t.params or {}
  return t
end

function U.fn(name, t) return callable("function", name, t) end
function U.method(name, t) return callable("method", name, t) end

function U.class(name, t) t.kind, t.name = "class", name; return t end
function U.module(name, t) t.kind, t.name = "module", name; return t end
function U.topic(name, t) t.kind, t.name = "topic", name; return t end
function U.value(name, t) t.kind, t.name = "value", name; return t end

return U
