#!/bin/sh
# embed_install.sh BUILD SOURCE LIBDIR CC [CFLAGS]: install BUILD into a
# temporary prefix, build examples/embed against it with CMake, with
# pkg-config and statically, run each and compare with expected.txt.
# CFLAGS (the sanitizer flags of a sanitized BUILD) go to every compile
# and link: a host of a sanitized libpathway must load the same runtime.
set -u
build=$1 src=$2 libdir=$3 cc=$4 flags=${5:-}
work=$build/embed-install prefix=$build/embed-install/prefix
example=$src/examples/embed expected=$src/examples/embed/expected.txt
passed=0 failed=0
ok() { echo "PASS $1"; passed=$((passed + 1)); }
ko() { echo "FAIL $1"; failed=$((failed + 1)); }
# step NAME LOG COMMAND...: run COMMAND, its output in LOG, shown on failure
step() {
  name=$1 log=$2; shift 2
  if "$@" >"$log" 2>&1; then ok "$name"; else ko "$name"; sed 's/^/  | /' "$log"; fi
}
# check NAME EXE: EXE exits 0 and prints expected.txt
check() {
  if [ ! -x "$2" ]; then ko "$1 (not built)"; return; fi
  "$2" >"$work/out.txt" 2>"$work/err.txt"; rc=$?
  if [ "$rc" -eq 0 ] && diff -u "$expected" "$work/out.txt" >"$work/diff.txt"; then
    ok "$1"
  else
    diff -u "$expected" "$work/out.txt" >"$work/diff.txt"
    ko "$1 (exit $rc)"; sed 's/^/  | /' "$work/err.txt" "$work/diff.txt"
  fi
}
installed() {
  for f in bin/pathway include/pathway.h "$libdir/libpathway.so" \
           "$libdir/libpathway.so.0" "$libdir/libpathway.a" \
           "$libdir/pkgconfig/pathway.pc" "$libdir/cmake/pathway/pathwayConfig.cmake" \
           "$libdir/cmake/pathway/pathwayConfigVersion.cmake" share/man/man1/pathway.1; do
    [ -e "$prefix/$f" ] || { echo "missing $f"; return 1; }
  done
}

rm -rf "$work" && mkdir -p "$work" || exit 1
step "cmake --install into a temporary prefix" "$work/install.log" \
  cmake --install "$build" --prefix "$prefix"
step "the install tree has every file" "$work/tree.log" installed

# 1. find_package(pathway 0.1 CONFIG) -> pathway::pathway
step "examples/embed configures and builds with CMake" "$work/cmake.log" sh -c '
  cmake -S "$1" -B "$2" -DCMAKE_PREFIX_PATH="$3" -DCMAKE_C_COMPILER="$4" \
        -DCMAKE_C_FLAGS="$5" -DCMAKE_EXE_LINKER_FLAGS="$5" &&
  cmake --build "$2"' sh "$example" "$work/cmake" "$prefix" "$cc" "$flags"
check "CMake-built embed prints expected.txt" "$work/cmake/embed"

# 2. pkg-config, shared library found through an rpath
export PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
step "embed.c builds with pkg-config --cflags --libs" "$work/pc.log" sh -c '
  $1 $2 -o "$3" "$4" $(pkg-config --cflags --libs pathway) -Wl,-rpath,"$5"
  ' sh "$cc" "$flags" "$work/embed-pc" "$example/embed.c" "$prefix/$libdir"
check "pkg-config-built embed prints expected.txt" "$work/embed-pc"

# 3. the static library with pkg-config --static (Libs.private)
step "embed.c links libpathway.a with pkg-config --static" "$work/static.log" sh -c '
  $1 $2 -o "$3" "$4" $(pkg-config --cflags pathway) "$5/libpathway.a" \
     $(pkg-config --static --libs pathway | sed "s/-lpathway\( \|$\)/ /")
  ' sh "$cc" "$flags" "$work/embed-static" "$example/embed.c" "$prefix/$libdir"
check "statically linked embed prints expected.txt" "$work/embed-static"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
