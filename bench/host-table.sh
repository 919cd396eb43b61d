#!/usr/bin/env bash
# Forgot-password over a host site's table of 1,000,000 accounts (USERS_TABLE, a Laravel users table) against the
# product's own table of as many, in one run: two Payara Micro nodes, rows alternating between them, every request
# accepted (another random account each, its mail prepared with a look-up in the big table). Prints pairs/s, node
# CPU-ms per pair and MariaDB's rows read by table scans per pair for each row, the host/own ratio of the medians, one
# short row (3 s, one at a time) on the host table after its address index is dropped,
# and the EXPLAIN of each look-up. Needs MariaDB on 127.0.0.1:3306 (root, empty password) and about 1 GiB of disk.
# ACCOUNTS (default 1000000), ROUNDS (5), ROW_SECONDS (15), WARMUP_SECONDS (60).
# Usage: ./mvnw package -DskipTests && bench/host-table.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Daccounts="${ACCOUNTS:-1000000}" -Drounds="${ROUNDS:-5}" -Drow="${ROW_SECONDS:-15}" -Dwarmup="${WARMUP_SECONDS:-60}" \
    -Dit.work.dir=target/bench -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.resetflow.bench.HostTableBench
