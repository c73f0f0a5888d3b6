# The commands a developer types. `make run` and `make test` work on a fresh
# Debian 12 machine: they install what is missing first.
SHELL := /bin/bash
BUILD_DIR ?= build
ASAN_DIR ?= build-asan
JOBS ?= $(shell nproc)
export CCACHE_BASEDIR := $(CURDIR)

# Exactly the Debian 12 packages Basalt needs to build and test.
PACKAGES := build-essential cmake ninja-build pkg-config ccache \
  libboost1.81-dev libssl-dev librocksdb-dev libspdlog-dev libfmt-dev catch2 \
  libprotobuf-dev protobuf-compiler libpq-dev postgresql-client openssl python3
# What `make bench` adds: a PostgreSQL 15 server to compare against.
BENCH_PACKAGES := postgresql-15
# What the driver tests (tests/clients/) add: psycopg 3, psycopg2, asyncpg, SQLAlchemy,
# pgjdbc and pgbench (Debian ships it with the postgresql-15 server package);
# a JDK and node/npm (node-postgres comes from npm) unless already on PATH.
CLIENT_TEST_PACKAGES := python3-psycopg python3-psycopg2 python3-asyncpg python3-sqlalchemy \
  libpostgresql-jdbc-java \
  postgresql-15

.PHONY: deps bench-deps build run test test-long test-asan bench slt format clean

deps:
	@scripts/install-packages.sh $(PACKAGES)

bench-deps:
	@scripts/install-packages.sh $(BENCH_PACKAGES)

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD_DIR)/build.ninja
	ninja -C $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/basalt --config conf/basalt.conf --generate-key

test: build
	@scripts/install-packages.sh $(CLIENT_TEST_PACKAGES)
	@command -v javac >/dev/null || scripts/install-packages.sh default-jdk-headless
	@command -v npm >/dev/null || scripts/install-packages.sh nodejs npm
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# The long runs: the kill -9 transfer workload for 25 cycles (issue 6; `make
# test` runs 3 of them) and the materialized-view tests with more rounds
# (issue 15; tests/README.md).
CRASH_CYCLES ?= 25
MATVIEW_DIFF_ROUNDS ?= 2000
MATVIEW_IVM_SECONDS ?= 300
MATVIEW_IVM_CRASH_CYCLES ?= 20
test-long: build
	cd $(BUILD_DIR) && BASALT_CRASH_CYCLES=$(CRASH_CYCLES) ctest --output-on-failure \
	  -R 'integration:transfers and inserts under repeated kill'
	cd $(BUILD_DIR) && MATVIEW_DIFF_ROUNDS=$(MATVIEW_DIFF_ROUNDS) MATVIEW_LATENCY_REFRESHES=10 \
	  MATVIEW_IVM_SECONDS=$(MATVIEW_IVM_SECONDS) MATVIEW_IVM_CRASH_CYCLES=$(MATVIEW_IVM_CRASH_CYCLES) \
	  MATVIEW_CRASH_ROUNDS=5 ctest --output-on-failure --timeout 1800 -R 'client: matview_'

$(ASAN_DIR)/build.ninja:
	cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBASALT_SANITIZE=ON

test-asan: deps $(ASAN_DIR)/build.ninja
	ninja -C $(ASAN_DIR) -j $(JOBS)
	cd $(ASAN_DIR) && ASAN_OPTIONS=detect_leaks=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

bench: build bench-deps
	tests/bench/run.sh $(BUILD_DIR)

# SQLite's sqllogictest subset from ../shared, scored (not part of `make test`).
slt: build
	@scripts/install-packages.sh python3-psycopg2
	tests/sqllogictest/run.sh

format:
	git ls-files '*.h' '*.cc' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR)
