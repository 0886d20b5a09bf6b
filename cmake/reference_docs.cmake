# reference_docs.cmake: the files generated from the reference entries
# (lang/reference*.lua), regenerated into the build tree at every build
# where the entries or a generator changed: the markdown reference
# (docs/reference, docs/gen/reference_md.lua) and the lua-language-server
# definitions (editor/luals/library, editor/luals/gen.lua). The ctests
# docs/reference-generated and editor/luals-generated fail when a committed
# copy differs (`make docs` refreshes both).

find_program(PW_LUA_GEN NAMES lua5.4)
if(NOT PW_LUA_GEN)
  message(STATUS "pathway: lua5.4 not found: docs/reference and editor/luals/library are not regenerated")
  return()
endif()

file(GLOB PW_REFERENCE_SOURCES CONFIGURE_DEPENDS
  ${PROJECT_SOURCE_DIR}/lang/reference*.lua ${PROJECT_SOURCE_DIR}/docs/gen/*.lua
  ${PROJECT_SOURCE_DIR}/editor/luals/*.lua)

# pw_generate(target generator.lua outdir): run the generator from scratch
# (so a file no longer generated does not linger) into outdir.
function(pw_generate target generator outdir)
  add_custom_command(
    OUTPUT ${outdir}.stamp
    COMMAND ${CMAKE_COMMAND} -E rm -rf ${outdir}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${outdir}
    COMMAND ${PW_LUA_GEN} ${generator} ${PROJECT_SOURCE_DIR} ${outdir}
    COMMAND ${CMAKE_COMMAND} -E touch ${outdir}.stamp
    DEPENDS ${PW_REFERENCE_SOURCES}
    COMMENT "Generating ${outdir} from the reference")
  add_custom_target(${target} ALL DEPENDS ${outdir}.stamp)
endfunction()

pw_generate(reference_docs ${PROJECT_SOURCE_DIR}/docs/gen/reference_md.lua
            ${PROJECT_BINARY_DIR}/docs/reference)
pw_generate(luals_library ${PROJECT_SOURCE_DIR}/editor/luals/gen.lua
            ${PROJECT_BINARY_DIR}/editor/luals/library)
