#!/bin/sh
# abi.sh LIBPATHWAY.so: the shared library exports pw_ symbols only, and
# every one of them is declared in pathway.h.
lib=$1 header=$2
exported=$(nm -D --defined-only "$lib" | awk '{print $3}' | sort)
bad=$(printf '%s\n' "$exported" | grep -v '^pw_')
undeclared=""
for sym in $(printf '%s\n' "$exported" | grep '^pw_'); do
  grep -q "\\b$sym(" "$header" || undeclared="$undeclared $sym"
done
failed=0
if [ -n "$bad" ]; then
  echo "FAIL exported symbols without the pw_ prefix:"; printf '  %s\n' $bad; failed=1
fi
if [ -n "$undeclared" ]; then
  echo "FAIL exported but not in pathway.h:$undeclared"; failed=$((failed + 1))
fi
echo "$(printf '%s\n' "$exported" | grep -c '^pw_') pw_ symbols exported"
echo "$((2 - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
