-- html_outline.lua: the structure of an HTML report, for golden tests that
-- compare reports structurally, not byte for byte (docs/testing.md): one
-- line per element that has an id or a class, and per heading, indented
-- by depth, as tag#id.class; each inline SVG as one line counting its
-- shapes. Also fails when tags do not balance.
-- Usage: pathway html_outline.lua REPORT.html
local VOID = { meta = true, br = true, hr = true, img = true, input = true, link = true, col = true, wbr = true }
local SHAPES = { rect = true, path = true, line = true, circle = true, polyline = true, polygon = true, text = true }

local f = assert(io.open(arg[1], "rb"))
local html = f:read("a")
f:close()

local out, stack, svg = {}, {}, nil
local pos = 1
while true do
  local s, e, close, tag, attrs = html:find("<(/?)([%a][%w-]*)([^>]*)>", pos)
  if not s then break end
  tag = tag:lower()
  local self_closing = attrs:sub(-1) == "/"
  if svg then
    if close == "/" and tag == "svg" then
      out[#out + 1] = svg.indent .. "svg shapes=" .. svg.shapes
      svg = nil
      table.remove(stack)
    elseif close == "" and SHAPES[tag] then
      svg.shapes = svg.shapes + 1
    end
  elseif close == "/" then
    local top = table.remove(stack)
    if top ~= tag then error(("unbalanced </%s> at byte %d (open: %s)"):format(tag, s, tostring(top)), 0) end
  else
    local indent = string.rep("  ", #stack)
    if tag == "svg" then
      svg = { indent = indent, shapes = 0 }
      stack[#stack + 1] = "svg"
    else
      local id = attrs:match('id="([^"]*)"')
      local class = attrs:match('class="([^"]*)"')
      local heading = tag:match("^h%d$")
      if id or class or heading then
        local line = indent .. tag .. (id and "#" .. id or "") .. (class and "." .. class:gsub("%s+", ".") or "")
        if heading then line = line .. " " .. html:sub(e + 1):match("^(.-)</"):gsub("<[^>]*>", "") end
        out[#out + 1] = line
      end
      if not VOID[tag] and not self_closing then stack[#stack + 1] = tag end
      if tag == "style" then  -- its text is CSS, not markup
        local _, stop = html:find("</style>", e, true)
        pos = (stop or #html) + 1
        table.remove(stack)
        goto continue
      end
    end
  end
  pos = e + 1
  ::continue::
end
if #stack > 0 then error("unclosed: " .. table.concat(stack, " "), 0) end
print(table.concat(out, "\n"))
