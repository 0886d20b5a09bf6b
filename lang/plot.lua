-- plot.lua: small SVG charts for results (nh.*:plot()): steps, lines,
-- points and bands on linear axes, with ticks, labels and a legend. The
-- output is a self-contained SVG string, the same bytes on every machine.
-- Exports: svg(spec) -> string, bars(spec) -> string (horizontal bars)
local error, type, ipairs, tostring, math_type = error, type, ipairs, tostring, math.type
local floor, log10, max, min, abs, huge = math.floor, math.log, math.max, math.min, math.abs, math.huge
local concat = table.concat
local format, gsub = string.format, string.gsub
_ENV = nil

local PALETTE = { "#1b6ca8", "#d1495b", "#66a182", "#edae49", "#6c4f77", "#2e4057" }
local W, H = 640, 400
local M = { left = 64, right = 160, top = 40, bottom = 52 }

local function esc(s)
  return (gsub(tostring(s), "[<>&\"]", { ["<"] = "&lt;", [">"] = "&gt;", ["&"] = "&amp;", ['"'] = "&quot;" }))
end

-- A number for SVG: at most 2 decimals, no "-0".
local function num(x)
  local s = format("%.2f", x)
  s = gsub(s, "%.?0+$", "")
  return s == "-0" and "0" or s
end

-- "Nice" ticks over [lo, hi] (Heckbert 1990): about n steps of 1, 2 or 5 x 10^k.
local function ticks(lo, hi, n)
  if hi <= lo then hi = lo + 1 end
  local raw = (hi - lo) / n
  local mag = 10 ^ floor(log10(raw, 10))
  local step = mag
  for _, f in ipairs({ 1, 2, 5, 10 }) do
    step = f * mag
    if step >= raw then break end
  end
  local out, t = {}, floor(lo / step) * step
  while t <= hi + step * 1e-9 do
    if t >= lo - step * 1e-9 then out[#out + 1] = abs(t) < step * 1e-9 and 0 or t end
    t = t + step
  end
  return out
end

local function label(t)
  if math_type(t) == "integer" or t == floor(t) then return format("%d", floor(t)) end
  return format("%g", t)
end

-- The range of every x (or y) value of the series, widened by `pad`.
local function range(series, key, key2, fixed)
  if fixed then return fixed[1], fixed[2] end
  local lo, hi = huge, -huge
  for _, s in ipairs(series) do
    for _, k in ipairs({ key, key2 }) do
      for _, v in ipairs(s[k] or {}) do
        if v == v then lo, hi = min(lo, v), max(hi, v) end
      end
    end
  end
  if lo > hi then return 0, 1 end
  if lo == hi then return lo - 1, hi + 1 end
  return lo, hi
end

local function path_of(points)
  local d = {}
  for i, p in ipairs(points) do d[i] = (i == 1 and "M" or "L") .. num(p[1]) .. "," .. num(p[2]) end
  return concat(d, " ")
end

-- One series as SVG elements, in plot coordinates through sx/sy.
local function draw(s, color, sx, sy, out)
  local x, y = s.x or {}, s.y or {}
  if s.kind == "band" then
    local pts = {}
    for i = 1, #x do pts[#pts + 1] = { sx(x[i]), sy(y[i]) } end
    for i = #x, 1, -1 do pts[#pts + 1] = { sx(x[i]), sy(s.y2[i]) } end
    out[#out + 1] = format('<path d="%s Z" fill="%s" fill-opacity="0.18" stroke="none"/>', path_of(pts), color)
  elseif s.kind == "points" then
    for i = 1, #x do
      out[#out + 1] = format('<circle cx="%s" cy="%s" r="3.5" fill="%s"/>', num(sx(x[i])), num(sy(y[i])), color)
    end
  else
    local pts = {}
    for i = 1, #x do
      if s.kind == "step" and i > 1 then pts[#pts + 1] = { sx(x[i]), sy(y[i - 1]) } end
      pts[#pts + 1] = { sx(x[i]), sy(y[i]) }
    end
    if s.kind == "step" and s.until_x and #x > 0 then pts[#pts + 1] = { sx(s.until_x), sy(y[#y]) } end
    if #pts > 0 then
      out[#out + 1] = format('<path d="%s" fill="none" stroke="%s" stroke-width="2"%s/>', path_of(pts), color,
                             s.dashed and ' stroke-dasharray="5,4"' or "")
    end
  end
end

local function axes(out, xt, yt, sx, sy, spec)
  local x0, x1, y0, y1 = M.left, W - M.right, H - M.bottom, M.top
  out[#out + 1] = format('<path d="M%d,%d L%d,%d L%d,%d" fill="none" stroke="#333"/>', x0, y1, x0, y0, x1, y0)
  for _, t in ipairs(xt) do
    local px = num(sx(t))
    out[#out + 1] = format('<line x1="%s" y1="%d" x2="%s" y2="%d" stroke="#333"/>', px, y0, px, y0 + 5)
    out[#out + 1] = format('<text x="%s" y="%d" text-anchor="middle">%s</text>', px, y0 + 18, label(t))
  end
  for _, t in ipairs(yt) do
    local py = num(sy(t))
    out[#out + 1] = format('<line x1="%d" y1="%s" x2="%d" y2="%s" stroke="#333"/>', x0 - 5, py, x0, py)
    out[#out + 1] = format('<text x="%d" y="%s" text-anchor="end" dy="4">%s</text>', x0 - 8, py, label(t))
  end
  out[#out + 1] = format('<text x="%d" y="%d" text-anchor="middle">%s</text>', (x0 + x1) // 2, H - 12, esc(spec.xlab or ""))
  out[#out + 1] = format('<text x="16" y="%d" text-anchor="middle" transform="rotate(-90 16 %d)">%s</text>',
                         (y0 + y1) // 2, (y0 + y1) // 2, esc(spec.ylab or ""))
  out[#out + 1] = format('<text x="%d" y="24" font-weight="bold">%s</text>', x0, esc(spec.title or ""))
end

local function legend(out, series)
  local y = M.top + 8
  for i, s in ipairs(series) do
    if s.label then
      local c = s.color or PALETTE[(i - 1) % #PALETTE + 1]
      out[#out + 1] = format('<rect x="%d" y="%d" width="12" height="12" fill="%s"/>', W - M.right + 16, y - 10, c)
      out[#out + 1] = format('<text x="%d" y="%d">%s</text>', W - M.right + 34, y, esc(s.label))
      y = y + 20
    end
  end
end

-- svg{title =, xlab =, ylab =, xlim = {lo, hi}, ylim = {lo, hi},
--     series = {{kind = "step"|"line"|"points"|"band", x =, y =, y2 =, label =, color =}, ...}}
local function svg(spec)
  if type(spec) ~= "table" or type(spec.series) ~= "table" then
    error("plot.svg: expected {series = {...}}", 2)
  end
  local series = spec.series
  local xlo, xhi = range(series, "x", nil, spec.xlim)
  local ylo, yhi = range(series, "y", "y2", spec.ylim)
  local sx = function(v) return M.left + (v - xlo) / (xhi - xlo) * (W - M.left - M.right) end
  local sy = function(v) return H - M.bottom - (v - ylo) / (yhi - ylo) * (H - M.top - M.bottom) end
  local out = { format('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
                       .. 'font-family="sans-serif" font-size="12">', W, H, W, H),
                format('<rect width="%d" height="%d" fill="white"/>', W, H) }
  axes(out, ticks(xlo, xhi, 6), ticks(ylo, yhi, 5), sx, sy, spec)
  for i, s in ipairs(series) do draw(s, s.color or PALETTE[(i - 1) % #PALETTE + 1], sx, sy, out) end
  legend(out, series)
  out[#out + 1] = "</svg>"
  return concat(out, "\n") .. "\n"
end

-- bars{title =, xlab =, labels = {...}, values = {...}, color =}: one
-- horizontal bar per label, top to bottom in the order given, from 0 to a
-- value >= 0 written at the bar's end. The height grows with the count so
-- every label stays readable; the left margin grows with the longest label.
local BAR, GAP = 20, 8

local function bars(spec)
  if type(spec) ~= "table" or type(spec.labels) ~= "table" or type(spec.values) ~= "table"
     or #spec.labels ~= #spec.values then
    error("plot.bars: expected {labels = {...}, values = {...}} of the same length", 2)
  end
  local labels, values, n = spec.labels, spec.values, #spec.labels
  local hi, longest = 0, 0
  for i = 1, n do
    local v = values[i]
    if type(v) ~= "number" or v ~= v or v < 0 or v == huge then
      error(format("plot.bars: value %d must be a finite number >= 0", i), 2)
    end
    hi, longest = max(hi, v), max(longest, #tostring(labels[i]))
  end
  local left = min(240, max(M.left, 7 * longest + 16))
  local h = M.top + n * (BAR + GAP) + M.bottom
  local xt = ticks(0, hi > 0 and hi or 1, 5)
  local top = xt[#xt]
  local sx = function(v) return left + v / top * (W - left - M.right) end
  local color = spec.color or PALETTE[1]
  local y0 = h - M.bottom
  local out = { format('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
                       .. 'font-family="sans-serif" font-size="12">', W, h, W, h),
                format('<rect width="%d" height="%d" fill="white"/>', W, h),
                format('<path d="M%d,%d L%d,%d L%d,%d" fill="none" stroke="#333"/>', left, M.top, left, y0,
                       W - M.right, y0) }
  for _, t in ipairs(xt) do
    local px = num(sx(t))
    out[#out + 1] = format('<line x1="%s" y1="%d" x2="%s" y2="%d" stroke="#333"/>', px, y0, px, y0 + 5)
    out[#out + 1] = format('<text x="%s" y="%d" text-anchor="middle">%s</text>', px, y0 + 18, label(t))
  end
  for i = 1, n do
    local y = M.top + (i - 1) * (BAR + GAP) + GAP // 2
    local x1 = sx(values[i])
    out[#out + 1] = format('<text x="%d" y="%d" text-anchor="end" dy="4">%s</text>', left - 8, y + BAR // 2,
                           esc(labels[i]))
    out[#out + 1] = format('<rect x="%d" y="%d" width="%s" height="%d" fill="%s"/>', left, y,
                           num(x1 - left), BAR, color)
    out[#out + 1] = format('<text x="%s" y="%d" dy="4">%s</text>', num(x1 + 4), y + BAR // 2, label(values[i]))
  end
  out[#out + 1] = format('<text x="%d" y="%d" text-anchor="middle">%s</text>', (left + W - M.right) // 2, h - 12,
                         esc(spec.xlab or ""))
  out[#out + 1] = format('<text x="%d" y="24" font-weight="bold">%s</text>', left, esc(spec.title or ""))
  out[#out + 1] = "</svg>"
  return concat(out, "\n") .. "\n"
end

return { svg = svg, bars = bars }
