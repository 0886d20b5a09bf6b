# deps.cmake: find every system library pathway needs; a missing one stops
# configure with one line naming the Debian package (`make deps` installs all).

find_package(PkgConfig QUIET)
if(NOT PKG_CONFIG_FOUND)
  message(FATAL_ERROR "pathway: pkg-config not found: apt-get install pkg-config")
endif()

# pw_require_pkg(<target> <pkg-config module> <Debian package>)
function(pw_require_pkg target module debpkg)
  pkg_check_modules(${target} QUIET IMPORTED_TARGET GLOBAL ${module})
  if(NOT ${target}_FOUND)
    message(FATAL_ERROR "pathway: ${module} not found: apt-get install ${debpkg}")
  endif()
endfunction()

pw_require_pkg(PW_LUA     lua5.4      liblua5.4-dev)
pw_require_pkg(PW_PCRE2   libpcre2-8  libpcre2-dev)
pw_require_pkg(PW_EDIT    libedit     libedit-dev)
pw_require_pkg(PW_CJSON   libcjson    libcjson-dev)
pw_require_pkg(PW_CRYPTO  libcrypto   libssl-dev)
if(PATHWAY_TESTS)
  pw_require_pkg(PW_CRITERION criterion libcriterion-dev)
  find_program(PW_LUA_INTERP NAMES lua5.4)
  if(NOT PW_LUA_INTERP)
    message(FATAL_ERROR "pathway: lua5.4 (runs the golden CLI tests) not found: apt-get install lua5.4")
  endif()
endif()

set(THREADS_PREFER_PTHREAD_FLAG ON)
find_package(Threads REQUIRED)

# libcsv ships no pkg-config file.
find_path(PW_CSV_INCLUDE csv.h)
find_library(PW_CSV_LIBRARY NAMES csv)
if(NOT PW_CSV_INCLUDE OR NOT PW_CSV_LIBRARY)
  message(FATAL_ERROR "pathway: libcsv not found: apt-get install libcsv-dev")
endif()
add_library(PW::csv UNKNOWN IMPORTED GLOBAL)
set_target_properties(PW::csv PROPERTIES
  IMPORTED_LOCATION "${PW_CSV_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${PW_CSV_INCLUDE}")
