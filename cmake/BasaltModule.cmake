# basalt_module(<name> DEPS <targets...>)
# One library per top-level folder: every *.cc under it except *_test.cc and
# the test-only code in its testing/ folder. Tests beside the code
# (*_test.cc) and testing/ form one Catch2 binary, <name>_test, registered
# with CTest.
function(basalt_module name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  file(GLOB_RECURSE tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cc)
  file(GLOB_RECURSE test_support CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/testing/*.cc)
  if(tests OR test_support)
    list(REMOVE_ITEM sources ${tests} ${test_support})
  endif()
  list(FILTER sources EXCLUDE REGEX ".*/main\\.cc$")
  add_library(${name} STATIC ${sources})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
  if(tests)
    add_executable(${name}_test ${tests} ${test_support})
    target_link_libraries(${name}_test PRIVATE ${name} Catch2::Catch2WithMain)
    catch_discover_tests(${name}_test TEST_PREFIX "${name}: ")
  endif()
endfunction()
