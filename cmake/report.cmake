# The HTML report's page template, built from report/ at build time and compiled into the
# output layer (see docs/report.md):
#
#   1. `npm ci` installs the pinned packages of report/package-lock.json (uPlot, and
#      playwright-core for the browser test) into BUILD/report/node_modules;
#   2. report/build.mjs inlines uPlot's built files, report/src/report.js and report.css into
#      report/src/template.html, writing BUILD/report/report_template.html and a C++ file
#      defining tumen::output::detail::report_template();
#   3. that file is added to the given target's sources.
#
# The same step builds the workbench's page (report/src/workbench.*, with the report's script and
# styles): BUILD/report/workbench_template.html and a C++ file defining
# tumen::output::detail::workbench_template(), the page `tumen workbench` fills with the engine's
# script and a scenario (docs/workbench.md).
#
# node and npm must be installed (node 20 or later); the build stops with a message otherwise.
# Nothing is downloaded when a report is opened: only npm, at build time, reaches the registry.
find_program(TUMEN_NODE node)
find_program(TUMEN_NPM npm)
if(NOT TUMEN_NODE OR NOT TUMEN_NPM)
  message(FATAL_ERROR
    "tumen's HTML report is built with node (20 or later) and npm, which were not found.\n"
    "Install them (scripts/install-deps.sh says how; on the project's machines they are already "
    "in /usr/bin), or point CMake at them: -DTUMEN_NODE=/path/to/node -DTUMEN_NPM=/path/to/npm.")
endif()
execute_process(COMMAND ${TUMEN_NODE} --version OUTPUT_VARIABLE tumen_node_version
                OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE tumen_node_status)
if(NOT tumen_node_status EQUAL 0 OR tumen_node_version VERSION_LESS "v20")
  message(FATAL_ERROR "tumen's HTML report needs node 20 or later; ${TUMEN_NODE} is '${tumen_node_version}'.")
endif()

set(TUMEN_REPORT_SOURCE ${PROJECT_SOURCE_DIR}/report)
set(TUMEN_REPORT_BUILD ${CMAKE_BINARY_DIR}/report)
set(TUMEN_REPORT_NODE_MODULES ${TUMEN_REPORT_BUILD}/node_modules CACHE INTERNAL "the report's npm packages")
set(TUMEN_REPORT_TEMPLATE ${TUMEN_REPORT_BUILD}/report_template.html CACHE INTERNAL "the report's page template")

# npm ci wants package.json and the lockfile side by side; copy both next to node_modules.
set(tumen_npm_stamp ${TUMEN_REPORT_BUILD}/npm-ci.stamp)
add_custom_command(
  OUTPUT ${tumen_npm_stamp}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${TUMEN_REPORT_BUILD}
  COMMAND ${CMAKE_COMMAND} -E copy ${TUMEN_REPORT_SOURCE}/package.json ${TUMEN_REPORT_SOURCE}/package-lock.json
          ${TUMEN_REPORT_BUILD}/
  COMMAND ${TUMEN_NPM} ci --include=dev --ignore-scripts --no-audit --no-fund --loglevel=error
  COMMAND ${CMAKE_COMMAND} -E touch ${tumen_npm_stamp}
  WORKING_DIRECTORY ${TUMEN_REPORT_BUILD}
  DEPENDS ${TUMEN_REPORT_SOURCE}/package.json ${TUMEN_REPORT_SOURCE}/package-lock.json
  COMMENT "npm ci: the report's pinned packages (report/package-lock.json)"
  VERBATIM)

set(tumen_report_cpp ${TUMEN_REPORT_BUILD}/report_template.cpp)
set(tumen_workbench_cpp ${TUMEN_REPORT_BUILD}/workbench_template.cpp)
set(TUMEN_WORKBENCH_TEMPLATE ${TUMEN_REPORT_BUILD}/workbench_template.html CACHE INTERNAL "the workbench's page template")
set(tumen_page_sources template.html report.js report.css workbench.html workbench.js workbench.css workbench_worker.js)
list(TRANSFORM tumen_page_sources PREPEND ${TUMEN_REPORT_SOURCE}/src/)
add_custom_command(
  OUTPUT ${tumen_report_cpp} ${TUMEN_REPORT_TEMPLATE} ${tumen_workbench_cpp} ${TUMEN_WORKBENCH_TEMPLATE}
  COMMAND ${TUMEN_NODE} ${TUMEN_REPORT_SOURCE}/build.mjs --node-modules ${TUMEN_REPORT_NODE_MODULES}
          --html ${TUMEN_REPORT_TEMPLATE} --cpp ${tumen_report_cpp}
          --workbench-html ${TUMEN_WORKBENCH_TEMPLATE} --workbench-cpp ${tumen_workbench_cpp}
  DEPENDS ${tumen_npm_stamp} ${TUMEN_REPORT_SOURCE}/build.mjs ${tumen_page_sources}
  COMMENT "Building the report's and the workbench's page templates (uPlot and report/src inlined)"
  VERBATIM)
add_custom_target(tumen_report_template DEPENDS ${tumen_report_cpp} ${tumen_workbench_cpp})

# tumen_embed_report_template(TARGET): compiles the report's template into TARGET.
function(tumen_embed_report_template target)
  target_sources(${target} PRIVATE ${tumen_report_cpp})
  add_dependencies(${target} tumen_report_template)
endfunction()

# tumen_embed_workbench_template(TARGET): compiles the workbench's template into TARGET.
function(tumen_embed_workbench_template target)
  target_sources(${target} PRIVATE ${tumen_workbench_cpp})
  add_dependencies(${target} tumen_report_template)
endfunction()
