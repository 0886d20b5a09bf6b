#!/bin/sh
# abi.sh LIBPATHWAY.so PATHWAY.h: libpathway.so exports pw_ symbols only,
# exactly the functions pathway.h declares, each under the version node
# PATHWAY_<major>, and its soname is libpathway.so.<major>.
lib=$1 header=$2
major=$(sed -n 's/^#define PW_VERSION_MAJOR \([0-9]*\).*/\1/p' "$header")
# "pw_open@@PATHWAY_0": the version node itself is an absolute (A) symbol
versioned=$(nm -D --defined-only "$lib" | awk '$2 != "A" {print $3}' | sort)
exported=$(printf '%s\n' "$versioned" | sed 's/@.*//')
declared=$(grep '^PW_API' "$header" | grep -o '\bpw_[a-z0-9_]*(' | tr -d '(' | sort -u)
failed=0 checks=0
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

checks=$((checks + 1))
bad=$(printf '%s\n' "$exported" | grep -v '^pw_')
[ -z "$bad" ] || fail "exported symbols without the pw_ prefix: $(echo $bad)"

checks=$((checks + 1))
undeclared=$(printf '%s\n' "$exported" | grep '^pw_' | grep -vxF "$declared")
[ -z "$undeclared" ] || fail "exported but not in pathway.h: $(echo $undeclared)"

checks=$((checks + 1))
missing=$(printf '%s\n' "$declared" | grep -vxF "$exported")
[ -z "$missing" ] || fail "declared in pathway.h but not exported: $(echo $missing)"

checks=$((checks + 1))
unversioned=$(printf '%s\n' "$versioned" | grep '^pw_' | grep -v "@@PATHWAY_$major\$")
[ -z "$unversioned" ] || fail "not under version node PATHWAY_$major: $(echo $unversioned)"

checks=$((checks + 1))
soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
[ "$soname" = "libpathway.so.$major" ] ||
  fail "soname is '$soname', not libpathway.so.$major"

echo "$(printf '%s\n' "$exported" | grep -c '^pw_') pw_ symbols exported," \
     "$(printf '%s\n' "$declared" | grep -c .) declared; soname $soname"
echo "$((checks - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
