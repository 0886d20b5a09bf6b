# reference_docs.cmake: regenerate the markdown reference (docs/reference)
# from the reference entries (lang/reference*.lua) into the build tree at
# every build where they changed; the ctest docs/reference-generated fails
# when the committed copy differs (`make docs` refreshes it).

find_program(PW_LUA_GEN NAMES lua5.4)
if(NOT PW_LUA_GEN)
  message(STATUS "pathway: lua5.4 not found: docs/reference is not regenerated")
  return()
endif()

file(GLOB PW_REFERENCE_MD_SOURCES CONFIGURE_DEPENDS
  ${PROJECT_SOURCE_DIR}/lang/reference*.lua ${PROJECT_SOURCE_DIR}/docs/gen/*.lua)
set(PW_REFERENCE_MD ${PROJECT_BINARY_DIR}/docs/reference)
add_custom_command(
  OUTPUT ${PROJECT_BINARY_DIR}/docs/reference.stamp
  # from scratch, so a page no longer generated does not linger
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${PW_REFERENCE_MD}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PW_REFERENCE_MD}
  COMMAND ${PW_LUA_GEN} ${PROJECT_SOURCE_DIR}/docs/gen/reference_md.lua
          ${PROJECT_SOURCE_DIR} ${PW_REFERENCE_MD}
  COMMAND ${CMAKE_COMMAND} -E touch ${PROJECT_BINARY_DIR}/docs/reference.stamp
  DEPENDS ${PW_REFERENCE_MD_SOURCES}
  COMMENT "Generating docs/reference from the reference")
add_custom_target(reference_docs ALL DEPENDS ${PROJECT_BINARY_DIR}/docs/reference.stamp)
