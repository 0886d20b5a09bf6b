# Makefile: a thin wrapper over CMake. On a fresh Debian 12 machine
# `make run` and `make test` install what is missing, build, and run.
.POSIX:
.PHONY: all deps build run test test-browser asan bench bench-stats fuzz format docs install clean

# Debian packages: the toolchain, the libraries of DESIGN.md §3, lua5.4 for
# the golden-test runner.
DEBS = cmake gcc make pkg-config liblua5.4-dev lua5.4 libpcre2-dev \
       libcsv-dev libcriterion-dev libedit-dev libcjson-dev libssl-dev
BUILD = build
ASAN = build-asan
PREFIX = /usr/local

all: build

deps:
	@missing=""; \
	for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y --no-install-recommends $$missing; \
	fi

build: deps
	@[ -f $(BUILD)/Makefile ] || cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPATHWAY_WERROR=ON
	cmake --build $(BUILD) -j2

asan: deps
	@[ -f $(ASAN)/Makefile ] || cmake -S . -B $(ASAN) -DCMAKE_BUILD_TYPE=Debug -DPATHWAY_SANITIZE=ON -DPATHWAY_WERROR=ON
	cmake --build $(ASAN) -j2

# The flagship: the CPS1 base-editing review, its text report on stdout.
run: build
	./$(BUILD)/pathway review examples/cps1-base-editing/review.lua

# The whole suite, in a normal build and under AddressSanitizer and
# UndefinedBehaviorSanitizer; the last line is "N passed, N failed".
test: build asan
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	 sh tests/run.sh $(BUILD) $(ASAN)

# Render each example's HTML report in headless Chromium and check that its
# figures show (needs the Debian package chromium; not part of make test).
test-browser: build
	@d=$$(mktemp -d) && status=0 && \
	for ex in cps1-base-editing ucd-platform pku-variant-groups; do \
	  ./$(BUILD)/pathway review examples/$$ex/review.lua --format html -o $$d/$$ex.html || [ $$? -eq 1 ]; \
	  rc=0; sh tests/browser/render.sh $$d/$$ex.html || rc=$$?; \
	  [ $$rc -eq 0 ] || [ $$rc -eq 77 ] || status=$$rc; \
	done; rm -r $$d; exit $$status

# T1-T3 against the peers of ../shared/bench (installs them; minutes, not
# seconds). Not part of make test: a benchmark is never a timed test.
bench: build
	tests/bench/run.sh

# The statistics benchmark of issue 5: pathway against R's survival and
# glm on the same generated files (needs R; never part of make test).
bench-stats: build
	tests/bench/stats/run.sh

# libFuzzer harnesses (tests/fuzz/), built with clang; not part of make test.
FUZZ_SECONDS = 60
fuzz: deps
	@command -v clang >/dev/null || { echo "make fuzz: needs clang (apt-get install clang)"; exit 2; }
	@[ -f build-fuzz/Makefile ] || CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DPATHWAY_FUZZ=ON -DPATHWAY_TESTS=OFF
	cmake --build build-fuzz -j2 --target fuzz_json fuzz_expr fuzz_csv fuzz_options fuzz_hgvs fuzz_formula fuzz_re fuzz_complete
	@for h in build-fuzz/fuzz_*; do \
	  mkdir -p build-fuzz/corpus/$${h##*/}; \
	  echo "== $$h ($(FUZZ_SECONDS) s)"; \
	  $$h -max_total_time=$(FUZZ_SECONDS) build-fuzz/corpus/$${h##*/} || exit 1; \
	done

# The files generated from the reference (lang/reference*.lua), committed
# so that a user needs no build to read or install them; ctest fails when
# one is stale.
docs:
	rm -rf editor/luals/library.new docs/reference.new
	mkdir -p docs/reference.new
	lua5.4 editor/luals/gen.lua . editor/luals/library.new
	lua5.4 docs/gen/reference_md.lua . docs/reference.new
	rm -rf editor/luals/library docs/reference
	mv editor/luals/library.new editor/luals/library
	mv docs/reference.new docs/reference

format:
	clang-format -i vm/*/*.c vm/*/*.h vm/include/*.h stdlib/*/*.c stdlib/*/*.h tests/unit/*.c

# bin/pathway, lib/libpathway.{so,a}, include/pathway.h, the man page, the
# pkg-config file and the CMake package (docs/embedding.md); honours DESTDIR.
install: build
	DESTDIR="$(DESTDIR)" cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD) $(ASAN) build-fuzz
