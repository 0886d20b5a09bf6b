# Makefile: a thin wrapper over CMake. On a fresh Debian 12 machine
# `make run` and `make test` install what is missing, build, and run.
.POSIX:
.PHONY: all deps build run test asan bench fuzz format install clean

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

run: build
	./$(BUILD)/pathway examples/hello/hello.lua examples/hello/visits.csv

# The whole suite, in a normal build and under AddressSanitizer and
# UndefinedBehaviorSanitizer; the last line is "N passed, N failed".
test: build asan
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	 sh tests/run.sh $(BUILD) $(ASAN)

format:
	clang-format -i vm/*/*.c vm/*/*.h vm/include/*.h stdlib/*/*.c stdlib/*/*.h tests/unit/*.c

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD) $(ASAN)
