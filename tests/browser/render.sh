#!/bin/sh
# render.sh REPORT.html: check in headless Chromium that an HTML review
# report (pathway review ... --format html) renders every inline figure.
#
#   tests/browser/render.sh out/report.html      (run by `make test-browser`)
#
# Chromium loads the file with JavaScript off (the report has no script, on
# purpose, so nothing inside the page can measure itself), lays it out and
# dumps the DOM after layout; the check reads structure from the DOM dump
# and size from a screenshot:
#   1. the DOM has as many <svg> elements as <figure class="figure"> ones
#      hold, each with a <rect> or <path> inside (the figure was parsed as
#      SVG, not as text);
#   2. a screenshot of the page is not blank: enough non-white pixels (a
#      figure whose box had zero size would leave only text behind).
# Needs the Debian package `chromium` (not in CI); without it this exits 77,
# the automake/ctest "skipped" status. Python 3 is used for the pixel count
# when present; without it step 2 is skipped with a note. POSIX sh.
set -u

if [ $# -ne 1 ] || [ ! -f "$1" ]; then
  echo "usage: $0 REPORT.html" >&2
  exit 2
fi
report=$1

browser=
for name in chromium chromium-browser; do
  if command -v "$name" >/dev/null 2>&1; then browser=$name; break; fi
done
if [ -z "$browser" ]; then
  echo "SKIP: chromium not installed (apt-get install chromium)"
  exit 77
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
case $report in /*) url="file://$report" ;; *) url="file://$(pwd)/$report" ;; esac

flags="--headless --disable-gpu --no-sandbox --disable-javascript --hide-scrollbars
       --run-all-compositor-stages-before-draw --virtual-time-budget=5000 --window-size=1000,2400"

# shellcheck disable=SC2086
if ! "$browser" $flags --dump-dom "$url" >"$tmp/dom.html" 2>"$tmp/dom.err"; then
  echo "FAIL: $browser --dump-dom failed:"; cat "$tmp/dom.err"; exit 1
fi
figures=$(grep -o '<figure class="figure">' "$tmp/dom.html" | wc -l)
expected=$(grep -o '<figure class="figure">' "$report" | wc -l)
svgs=$(grep -o '<svg[ >]' "$tmp/dom.html" | wc -l)
texts=$(grep -o 'class="svg-text"' "$tmp/dom.html" | wc -l)
status=0
if [ "$figures" -ne "$expected" ]; then
  echo "FAIL: $expected figures in the file, $figures in the rendered DOM"; status=1
fi
if [ "$svgs" -ne $((figures - texts)) ]; then
  echo "FAIL: $((figures - texts)) inline SVG figures expected in the DOM, found $svgs"; status=1
fi
# Each SVG keeps its drawing: at least one shape per <svg> in the parsed DOM.
shapes=$(tr '\n' ' ' <"$tmp/dom.html" | sed 's/<svg/\
<svg/g' | grep -c '^<svg.*<[rp][ea][ct]')
if [ "$shapes" -lt "$svgs" ]; then
  echo "FAIL: $svgs SVGs but only $shapes with a shape inside"; status=1
fi

# shellcheck disable=SC2086
if ! (cd "$tmp" && "$browser" $flags --screenshot="$tmp/page.png" "$url" >/dev/null 2>"$tmp/shot.err"); then
  echo "FAIL: $browser --screenshot failed:"; cat "$tmp/shot.err"; exit 1
fi
if command -v python3 >/dev/null 2>&1; then
  # Non-white pixels of the PNG (8-bit RGB/RGBA, as Chromium writes it).
  ink=$(python3 - "$tmp/page.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
pos, chunks, head = 8, [], None
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR": head = struct.unpack(">IIBBBBB", body)
    if kind == b"IDAT": chunks.append(body)
    pos += 12 + n
w, h, depth, ctype = head[0], head[1], head[2], head[3]
bpp = {2: 3, 6: 4}.get(ctype)
if depth != 8 or bpp is None: print(-1); sys.exit()
raw, stride, prev, ink, i = zlib.decompress(b"".join(chunks)), w * bpp, bytearray(w * bpp), 0, 0
for _ in range(h):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    ink += sum(1 for x in range(0, stride, bpp) if min(line[x:x + 3]) < 200)
    prev = line
print(ink)
PY
)
  if [ "$ink" -lt 0 ]; then
    echo "note: screenshot is not 8-bit RGB(A); pixel check skipped"
  elif [ "$ink" -lt $((2000 * svgs + 1000)) ]; then
    echo "FAIL: the screenshot has only $ink non-white pixels for $svgs figures"; status=1
  fi
else
  ink="(python3 absent: not counted)"
fi

[ "$status" -eq 0 ] && echo "ok: $figures figures, $svgs inline SVGs rendered, $ink non-white pixels"
exit "$status"
