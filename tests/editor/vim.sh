#!/bin/sh
# vim.sh ROOT: editor/vim in headless Vim and Neovim (each one installed):
# filetype detection, :make's errorformat, expression highlighting
# (tests/editor/vim_check.vim). An editor that is not installed is a
# visible skip. Last line: "N passed, N failed, N skipped".
root=$1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/samples/reviews"
printf 'test "x" (function() expect(true) end)\n' >"$tmp/samples/cps1_test.lua"
printf 'print(1)\n' >"$tmp/samples/reviews/study.lua"
printf -- '-- pathway: the CPS1 review\nprint(1)\n' >"$tmp/samples/marked.lua"
printf 'local t = {}\nprint(t)\n' >"$tmp/samples/plain.lua"
cat >"$tmp/samples/errors.txt" <<'TXT'
pathway: examples/x/review.lua:12: attempt to call a nil value (global 'crit')
stack traceback:
	examples/x/review.lua:30: in function 'check'
pathway: data.csv:1043:17: expected a number
TXT
cat >"$tmp/samples/dsl.lua" <<'LUA'
-- a review
pathway "demo" { therapy = "x" }
criterion "c" { element = "post_market" }
local a = visits:filter "arm == 'treated' and x != na"
local b = visits:mutate { years = "(last - dose_date) / 365.25" }
local c = visits:group_by("arm"):summarise({ m = "mean(ammonia)" })
rule "r" { where = "variant ~ '^c\\.1003C>T$'" }
print("not a column")
LUA

passed=0 failed=0 skipped=0
for editor in vim nvim; do
  if ! command -v "$editor" >/dev/null 2>&1; then
    echo "SKIP $editor: not installed"
    skipped=$((skipped + 1))
    continue
  fi
  results="$tmp/$editor.results"
  rm -f "$results"
  (cd "$tmp/samples" &&
   PW_SAMPLES="$tmp/samples" PW_RESULTS="$results" timeout 60 "$editor" -Es -u NONE -i NONE -N \
     --cmd "set rtp^=$root/editor/vim" --cmd 'filetype plugin on' --cmd 'syntax on' \
     -S "$root/tests/editor/vim_check.vim" </dev/null >/dev/null 2>&1)
  if [ ! -s "$results" ]; then
    echo "not ok $editor: the check script wrote no results"
    failed=$((failed + 1))
    continue
  fi
  while IFS= read -r line; do
    echo "$editor: $line"
    case $line in
      ok*) passed=$((passed + 1)) ;;
      *) failed=$((failed + 1)) ;;
    esac
  done <"$results"
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
