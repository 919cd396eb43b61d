#!/usr/bin/env bash
# Measures mail delivery: how fast the outbox drains, and the time from a forgot-password request to its link
# in the inbox at 20, 50 and 100 requests/s for distinct accounts. One Payara Micro node with the JVM's default
# settings, MariaDB on 127.0.0.1:3306 (root, empty password), an SMTP server inside the benchmark. Prints a table.
# The server runs first for WARMUP_SECONDS (default 60) at 50 requests/s, untimed: just after its start it spends
# most of its CPU compiling. Each row also gives the CPU time per mail of the server, MariaDB and this benchmark.
# SERVER_JVM_OPTS / BENCH_JVM_OPTS add JVM options, e.g. -XX:StartFlightRecording=filename=server.jfr,dumponexit=true
# Usage: ./mvnw package -DskipTests && bench/delivery.sh [workers]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java ${BENCH_JVM_OPTS:-} -Dworkers="${1:-8}" -Dwarmup="${WARMUP_SECONDS:-60}" -Dserver.jvm="${SERVER_JVM_OPTS:-}" -Dit.work.dir=target/bench \
    -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.resetflow.bench.DeliveryBench
