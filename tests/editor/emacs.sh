#!/bin/sh
# emacs.sh ROOT: editor/emacs/pathway-mode.el byte-compiles without a
# warning in a bare Emacs (no lua-mode needed), and its error regexps and
# expression highlighting work (tests/editor/emacs_check.el). Without
# Emacs, a visible skip. Last line: "N passed, N failed, N skipped".
root=$1
if ! command -v emacs >/dev/null 2>&1; then
  echo "SKIP emacs: not installed"
  echo "0 passed, 0 failed, 1 skipped"
  exit 0
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
cp "$root/editor/emacs/pathway-mode.el" "$tmp/"
passed=0 failed=0 skipped=0
if emacs -Q --batch --eval '(setq byte-compile-error-on-warn t)' \
     -f batch-byte-compile "$tmp/pathway-mode.el" >"$tmp/compile.log" 2>&1; then
  echo "ok byte-compiles without warnings"
  passed=$((passed + 1))
else
  echo "not ok byte-compiles without warnings:"
  cat "$tmp/compile.log"
  failed=$((failed + 1))
fi
# package-lint (Debian: elpa-package-lint) where installed. The one finding
# allowed: no URL header, until the project has a public home to name.
# Debian's elpa-* packages live in /usr/share/emacs/site-lisp/elpa.
lint='(progn (add-to-list (quote package-directory-list) "/usr/share/emacs/site-lisp/elpa")
              (package-initialize) (require (quote package-lint)))'
if emacs -Q --batch --eval "$lint" >/dev/null 2>&1; then
  emacs -Q --batch --eval "$lint" \
    -f package-lint-batch-and-exit "$tmp/pathway-mode.el" >"$tmp/lint.log" 2>&1
  if grep -E '(error|warning):' "$tmp/lint.log" | grep -v 'should have a Homepage or URL header' >"$tmp/lint.found"; [ -s "$tmp/lint.found" ]; then
    echo "not ok package-lint:"; cat "$tmp/lint.found"; failed=$((failed + 1))
  else
    echo "ok package-lint (no finding but the URL header)"; passed=$((passed + 1))
  fi
else
  echo "SKIP package-lint: not installed (apt-get install elpa-package-lint)"
  skipped=1
fi
# The mode's checks in a bare Emacs (a Lua syntax table of the test's
# own) and, where Debian's elpa-lua-mode is installed, on lua-mode.
packages='(progn (add-to-list (quote package-directory-list) "/usr/share/emacs/site-lisp/elpa")
                  (package-initialize))'
for variant in bare lua-mode; do
  if [ "$variant" = lua-mode ]; then
    if ! emacs -Q --batch --eval "$packages" --eval "(require 'lua-mode)" >/dev/null 2>&1; then
      echo "SKIP emacs checks on lua-mode: not installed (apt-get install elpa-lua-mode)"
      skipped=$((skipped + 1))
      continue
    fi
    init=$packages
  else
    init=nil
  fi
  emacs -Q --batch --eval "$init" -L "$tmp" -l pathway-mode -l "$root/tests/editor/emacs_check.el" \
    >"$tmp/check.log" 2>&1
  status=$? ok=0
  while IFS= read -r line; do
    case $line in
      "ok "*) echo "$variant: $line"; passed=$((passed + 1)); ok=$((ok + 1)) ;;
      "not ok "*) echo "$variant: $line"; failed=$((failed + 1)) ;;
    esac
  done <"$tmp/check.log"
  if [ "$status" -ne 0 ] || [ "$ok" -lt 2 ]; then
    echo "not ok $variant: emacs_check.el ran to the end (exit $status):"
    grep -v '^ok ' "$tmp/check.log"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
