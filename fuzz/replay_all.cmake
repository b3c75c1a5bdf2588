# The ctest fuzz-corpus: runs each replay executable on its corpus directory. Arguments come in
# pairs, <replay executable> <corpus directory>. Every pair runs even after one fails, so one
# broken parser does not hide another; the test fails if any did.
set(failed)
math(EXPR last "${CMAKE_ARGC} - 1")
set(i 3) # CMAKE_ARGV0-2 are cmake, -P and this script
while(i LESS last)
  math(EXPR j "${i} + 1")
  set(exe "${CMAKE_ARGV${i}}")
  set(dir "${CMAKE_ARGV${j}}")
  execute_process(COMMAND "${exe}" "${dir}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    list(APPEND failed "${dir} (exit ${rc})")
  endif()
  math(EXPR i "${i} + 2")
endwhile()
if(failed)
  list(JOIN failed "\n  " failed_text)
  message(FATAL_ERROR "fuzz corpus replay failed for:\n  ${failed_text}")
endif()
