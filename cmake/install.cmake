# install.cmake: what `cmake --install` puts where (GNUInstallDirs), the
# pkg-config file and the CMake package of libpathway.
#
# Versions: the soname is libpathway.so.<major> and the ELF version node
# PATHWAY_<major> (cmake/pathway.map). While the major version is 0 the API
# and ABI may break from one minor version to the next (0.1 -> 0.2 keeps the
# soname libpathway.so.0): rebuild hosts on each 0.x minor release. From 1.0
# on, a minor release only adds and a break bumps the major version.
include(CMakePackageConfigHelpers)

install(TARGETS pathway DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS pathway_static ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS pathway_shared EXPORT pathwayTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES vm/include/pathway.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES docs/pathway.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# ---- pkg-config: relocatable (prefix from the .pc file's own directory) ----
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(PW_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH PW_PC_UP "/r/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/r")
  string(REGEX REPLACE "/$" "" PW_PC_UP "${PW_PC_UP}")
  set(PW_PC_PREFIX "\${pcfiledir}/${PW_PC_UP}")
endif()
# What libpathway.a needs besides itself, for `pkg-config --static`: the
# libraries of cmake/deps.cmake as -l flags (-L only outside the linker's
# default directories).
set(PW_PC_LIBS_PRIVATE "")
get_filename_component(PW_CSV_DIR "${PW_CSV_LIBRARY}" DIRECTORY)
foreach(dir IN LISTS PW_LUA_LIBRARY_DIRS PW_CJSON_LIBRARY_DIRS PW_PCRE2_LIBRARY_DIRS
                     PW_CRYPTO_LIBRARY_DIRS PW_CSV_DIR)
  if(NOT dir IN_LIST CMAKE_C_IMPLICIT_LINK_DIRECTORIES AND NOT "-L${dir}" IN_LIST PW_PC_LIBS_PRIVATE)
    list(APPEND PW_PC_LIBS_PRIVATE "-L${dir}")
  endif()
endforeach()
foreach(lib IN LISTS PW_LUA_LIBRARIES PW_CJSON_LIBRARIES PW_PCRE2_LIBRARIES
                     PW_CRYPTO_LIBRARIES)
  list(APPEND PW_PC_LIBS_PRIVATE "-l${lib}")
endforeach()
list(APPEND PW_PC_LIBS_PRIVATE -lcsv -pthread -lm)
list(JOIN PW_PC_LIBS_PRIVATE " " PW_PC_LIBS_PRIVATE)
configure_file(cmake/pathway.pc.in pathway.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/pathway.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# ---- CMake package: pathway::pathway is the shared library. The static one
# is not exported: its imported dependencies (PkgConfig::PW_*, PW::csv) would
# have to be found again by the config file; static hosts use pkg-config.
set(PW_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/pathway)
set_target_properties(pathway_shared PROPERTIES EXPORT_NAME pathway)
install(EXPORT pathwayTargets NAMESPACE pathway:: DESTINATION ${PW_CMAKE_DIR})
configure_package_config_file(cmake/pathwayConfig.cmake.in
  ${PROJECT_BINARY_DIR}/pathwayConfig.cmake INSTALL_DESTINATION ${PW_CMAKE_DIR})
# SameMajorVersion: the rule of pw_check_version (same major, at least the
# requested minor), so a package and a library never disagree.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/pathwayConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/pathwayConfig.cmake
  ${PROJECT_BINARY_DIR}/pathwayConfigVersion.cmake DESTINATION ${PW_CMAKE_DIR})
