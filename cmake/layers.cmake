# tumen_layer(NAME SOURCES ... DEPENDS ...) defines one layer: the library target tumen_<NAME>
# (alias tumen::<NAME>) with its public headers under include/tumen/<NAME>/. DEPENDS names the
# layers below it and any third-party targets it needs; nothing else may be linked.
function(tumen_layer name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS;PRIVATE_DEPENDS" ${ARGN})
  add_library(tumen_${name} STATIC ${ARG_SOURCES})
  add_library(tumen::${name} ALIAS tumen_${name})
  target_include_directories(tumen_${name} PUBLIC ${PROJECT_SOURCE_DIR}/include
                                           PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(tumen_${name} PUBLIC ${ARG_DEPENDS} PRIVATE ${ARG_PRIVATE_DEPENDS} tumen_warnings)
  target_compile_features(tumen_${name} PUBLIC cxx_std_20)
endfunction()

# tumen_test(NAME SOURCES ... DEPENDS ...) builds one GoogleTest program and registers its cases.
function(tumen_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  target_link_libraries(${name} PRIVATE ${ARG_DEPENDS} GTest::gtest_main GTest::gmock tumen_warnings)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS unit)
endfunction()
