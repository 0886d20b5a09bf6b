#!/bin/sh
# run.sh STEP SOURCE_DIR BUILD_DIR [PATHWAY [LUA]]: the VS Code extension's
# tests (editor/vscode; tests/CMakeLists.txt runs one ctest per step).
#
#   tools      install @vscode/vsce, vscode-textmate and vscode-oniguruma
#              with npm into BUILD_DIR/vscode-tools, once: a later run finds
#              them there and installs nothing (delete the directory to
#              update them)
#   package    `vsce package` a copy of editor/vscode made under BUILD_DIR
#              (the source tree is never written) into BUILD_DIR/pathway.vsix,
#              then check what the .vsix holds (vsix_check.js)
#   grammar    tokenize review-script lines and check the scopes of the
#              expression tokens (grammar_test.js)
#   extension  load extension.js against a stand-in `vscode` module and check
#              its commands, task and lua-language-server setup; match the
#              problem matcher against PATHWAY's real error lines
#              (extension_test.js; needs node only)
#
# Without node or npm, or when npm cannot install the tools (no network), a
# step says why and prints "0 passed, 0 failed, N skipped" and exits 0: the
# suite passes on a machine without them, and tests/run.sh counts the skips.
set -u
step=$1 src=$2 build=$3 pathway=${4:-} lua=${5:-}
here=$(cd "$(dirname "$0")" && pwd)
tools=$build/vscode-tools
unavailable=$build/vscode-tools.unavailable   # why the tools step did not install

skip() {   # skip N REASON
  printf 'vscode %s: skipped: %s\n' "$step" "$2"
  printf '0 passed, 0 failed, %s skipped\n' "$1"
  exit 0
}

have_tools() {
  [ -x "$tools/node_modules/.bin/vsce" ] &&
    [ -f "$tools/node_modules/vscode-textmate/package.json" ] &&
    [ -f "$tools/node_modules/vscode-oniguruma/release/onig.wasm" ]
}

need_tools() {   # need_tools N: skip N tests when the tools are not there
  command -v node >/dev/null 2>&1 || skip "$1" "node is not installed"
  if ! have_tools; then
    if [ -f "$unavailable" ]; then skip "$1" "$(cat "$unavailable")"; fi
    skip "$1" "the npm tools are not in $tools (the vscode/tools test installs them)"
  fi
}

case $step in
tools)
  rm -f "$unavailable"
  if have_tools; then
    printf 'vscode tools: already in %s, not installed again\n' "$tools"
    exit 0
  fi
  for prog in node npm; do
    if ! command -v $prog >/dev/null 2>&1; then
      printf '%s is not installed\n' "$prog" >"$unavailable"
      printf 'vscode tools: %s is not installed; the VS Code tests will skip\n' "$prog"
      exit 0
    fi
  done
  # Into a temporary directory first, so that an interrupted install is
  # never taken for a complete one.
  tmp=$tools.tmp.$$
  rm -rf "$tmp" "$tools"
  mkdir -p "$tmp"
  limit=
  command -v timeout >/dev/null 2>&1 && limit="timeout 300"
  start=$(date +%s)
  # --ignore-scripts: vsce needs none of its dependencies' install scripts
  # to package (only signing would).
  # Few, short retries: without a network the suite should not wait long.
  if $limit npm install --no-audit --no-fund --ignore-scripts --no-update-notifier \
       --loglevel=error --fetch-retries=1 --fetch-retry-mintimeout=2000 \
       --fetch-retry-maxtimeout=5000 --fetch-timeout=30000 --prefix "$tmp" \
       '@vscode/vsce@^3' 'vscode-textmate@^9' 'vscode-oniguruma@^2' >"$tmp.log" 2>&1 &&
     mv "$tmp" "$tools" && have_tools; then
    printf 'vscode tools: installed in %s in %ss (%s)\n' "$tools" "$(($(date +%s) - start))" \
      "$(cd "$tools" && node -e 'const d = require("./package.json").dependencies;
        console.log(Object.keys(d).map((k) => k + "@" + require(k + "/package.json").version).join(", "))' 2>/dev/null)"
    rm -f "$tmp.log"
  else
    # npm's first error lines say what went wrong (ECONNREFUSED, ENOTFOUND, E404...)
    why=$(grep -E '^npm (error|ERR!) ' "$tmp.log" | grep -vE ' at |^npm (error|ERR!) *$' | head -n 4 |
          sed -E 's/^npm (error|ERR!) //' | tr '\n' ';' | sed 's/;$//; s/;/; /g')
    [ -n "$why" ] || why=$(tail -n 2 "$tmp.log" | tr '\n' ' ')
    printf 'npm install failed after %ss (no network?): %s\n' "$(($(date +%s) - start))" "$why" >"$unavailable"
    printf 'vscode tools: %s\n' "$(cat "$unavailable")"
    rm -rf "$tmp" "$tmp.log" "$tools"
  fi
  exit 0
  ;;
package)
  need_tools 1
  ext=$build/vscode-extension
  vsix=$build/pathway.vsix
  rm -rf "$ext" "$vsix"
  cp -R "$src/editor/vscode" "$ext" || exit 1
  # stdin from /dev/null: a question from vsce (a missing field) fails
  # instead of waiting for an answer.
  (cd "$ext" && "$tools/node_modules/.bin/vsce" package --no-dependencies -o "$vsix" </dev/null)
  rc=$?
  if [ "$rc" -ne 0 ] || [ ! -f "$vsix" ]; then
    printf 'FAIL  vsce package (exit %s): no %s\n' "$rc" "$vsix"
    printf '0 passed, 1 failed\n'
    exit 1
  fi
  exec node "$here/vsix_check.js" "$tools" "$vsix" "$src"
  ;;
grammar)
  need_tools 1
  exec node "$here/grammar_test.js" "$tools" "$src"
  ;;
extension)
  command -v node >/dev/null 2>&1 || skip 1 "node is not installed"
  exec node "$here/extension_test.js" "$src" "$build" "$pathway" "$lua"
  ;;
*)
  printf 'usage: run.sh tools|package|grammar|extension SOURCE_DIR BUILD_DIR [PATHWAY [LUA]]\n' >&2
  exit 2
  ;;
esac
