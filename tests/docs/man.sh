#!/bin/sh
# man.sh MANPAGE: the man page renders without a warning. Uses man-db's
# `man --warnings -l` (groff's warnings, at an 80-column width) or, without
# man, `groff -man -ww -z`; skips, visibly, when neither is installed.
# Last line: "N passed, N failed[, N skipped]".
page=${1:?usage: man.sh MANPAGE}
if ! command -v man >/dev/null 2>&1 && ! command -v groff >/dev/null 2>&1; then
  echo "skip: neither man (man-db) nor groff is installed"
  echo "0 passed, 0 failed, 1 skipped"
  exit 0
fi
err=$(mktemp) || exit 2
trap 'rm -f "$err"' EXIT
if command -v man >/dev/null 2>&1 && man --help 2>/dev/null | grep -q -- '--warnings'; then
  how="man --warnings -l"
  MANWIDTH=80 man --warnings -l "$page" >/dev/null 2>"$err"
  rc=$?
elif command -v groff >/dev/null 2>&1; then
  how="groff -man -ww -z"
  groff -man -ww -z "$page" 2>"$err"
  rc=$?
else
  echo "skip: man is not man-db (no --warnings) and groff is not installed"
  echo "0 passed, 0 failed, 1 skipped"
  exit 0
fi
if [ "$rc" -ne 0 ] || [ -s "$err" ]; then
  echo "FAIL $page: $how exited $rc with:"
  cat "$err"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "1 passed, 0 failed"
