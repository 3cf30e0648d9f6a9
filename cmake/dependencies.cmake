# Every third-party library tumen uses, found once here (Debian 12 packages; see
# scripts/install-deps.sh for the package names).
find_package(fmt REQUIRED)
find_package(tomlplusplus REQUIRED CONFIG)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(Boost REQUIRED CONFIG)
find_package(SQLiteCpp REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenSSL REQUIRED)  # libcrypto only: the SHA-256 of scenario texts
find_package(NLopt REQUIRED CONFIG)  # the derivative-free optimiser of `tumen calibrate`

find_path(PCG_INCLUDE_DIR pcg_random.hpp REQUIRED)
add_library(pcg INTERFACE)
target_include_directories(pcg SYSTEM INTERFACE ${PCG_INCLUDE_DIR})

if(TUMEN_BUILD_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
if(TUMEN_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()
include(mpi)
