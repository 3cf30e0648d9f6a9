# MPI, for sweeps across the ranks of a cluster job (src/tumen/experiment/mpi_units.cpp is the
# only code that uses it). TUMEN_WITH_MPI is ON when an MPI with C bindings is found; the
# deprecated C++ bindings are kept out (MPI_CXX_SKIP_MPICXX). OFF builds a tumen whose sweeps
# run on threads only.
set(MPI_CXX_SKIP_MPICXX ON)
find_package(MPI COMPONENTS CXX QUIET)
option(TUMEN_WITH_MPI "Run sweeps across MPI ranks (needs an MPI library)" ${MPI_CXX_FOUND})
if(TUMEN_WITH_MPI AND NOT MPI_CXX_FOUND)
  message(FATAL_ERROR "TUMEN_WITH_MPI is ON but no MPI was found (Debian: libopenmpi-dev openmpi-bin)")
endif()
if(TUMEN_WITH_MPI)
  find_program(TUMEN_MPIEXEC NAMES mpirun mpiexec HINTS ${MPIEXEC_EXECUTABLE})
  message(STATUS "tumen: sweeps across MPI ranks (MPI ${MPI_CXX_VERSION}, ${TUMEN_MPIEXEC})")
endif()
