# luals.cmake: regenerate the lua-language-server definitions
# (editor/luals/library) from the reference into the build tree at every
# build where the reference changed; the ctest editor/luals-generated fails
# when the committed copy differs (`make docs` refreshes it).

find_program(PW_LUA_GEN NAMES lua5.4)
if(NOT PW_LUA_GEN)
  message(STATUS "pathway: lua5.4 not found: editor/luals/library is not regenerated")
  return()
endif()

file(GLOB PW_REFERENCE_SOURCES CONFIGURE_DEPENDS
  ${PROJECT_SOURCE_DIR}/lang/reference*.lua ${PROJECT_SOURCE_DIR}/docs/gen/*.lua)
set(PW_LUALS_LIBRARY ${PROJECT_BINARY_DIR}/editor/luals/library)
add_custom_command(
  OUTPUT ${PROJECT_BINARY_DIR}/editor/luals/library.stamp
  # from scratch, so a file no longer generated does not linger
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${PW_LUALS_LIBRARY}
  COMMAND ${PW_LUA_GEN} ${PROJECT_SOURCE_DIR}/editor/luals/gen.lua
          ${PROJECT_SOURCE_DIR} ${PW_LUALS_LIBRARY}
  COMMAND ${CMAKE_COMMAND} -E touch ${PROJECT_BINARY_DIR}/editor/luals/library.stamp
  DEPENDS ${PROJECT_SOURCE_DIR}/editor/luals/gen.lua ${PW_REFERENCE_SOURCES}
  COMMENT "Generating editor/luals/library from the reference")
add_custom_target(luals_library ALL
  DEPENDS ${PROJECT_BINARY_DIR}/editor/luals/library.stamp)
