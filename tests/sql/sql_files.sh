# Shared by run_sql_tests.sh and record_expected.sh.

# list_sql_files <tests/sql dir> [file...]: the given files, or every
# <feature>/*.sql in a stable order, as absolute paths.
list_sql_files() {
  local root=$1
  shift
  if [[ $# -gt 0 ]]; then
    local f
    for f in "$@"; do echo "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")"; done
  else
    find "$root" -mindepth 2 -maxdepth 2 -name '*.sql' | LC_ALL=C sort
  fi
}

# run_sql_file <file>: psql's echo of the file with its notices and errors, as
# pg_regress records them. Runs from the file's directory so that error lines
# read "psql:<name>.sql:<line>: ERROR: ...". Uses the PG* environment.
run_sql_file() {
  (cd "$(dirname "$1")" &&
    psql -X -a -q --no-psqlrc -v ON_ERROR_STOP=0 -v VERBOSITY=default \
      -f "$(basename "$1")" 2>&1) || true
}
