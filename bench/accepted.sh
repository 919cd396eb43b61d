#!/usr/bin/env bash
# What an accepted forgot-password request costs, against a throttled one, in one run: closed-loop page view + post
# pairs at concurrency 1, 4 and 16 for known and unknown addresses, each pair either accepted (another address every
# time, of 10,000 accounts) or refused by its per-address limit (one address); every row ends when the outbox has
# finished its requests, so the server's CPU time per pair includes the mail work behind it. Then open-loop levels of
# 20, 50 and 100 requests/s, each after 30 s without requests: link in inbox p50/p99 of the first 20 mails and of all.
# One Payara Micro node on MariaDB at 127.0.0.1:3306 (root, empty password), an SMTP server inside the benchmark.
# Untimed accepted pairs come first, until the server's JIT compiler takes under 5% of its CPU: WARMUP_SECONDS at least
# (default 90), WARMUP_MAX_SECONDS at most (default 1200). ROW_SECONDS (default 15) per row.
# Then RATIO_ROUNDS (default 6) rounds at concurrency 4 of 10 s rows, accepted and throttled back to back, their order
# changing every round: the accepted ÷ throttled ratio of each round and the median, the figure least moved by drift.
# COMPARE_WAR=path/to/an/earlier/resetflow.war boots a second node of that WAR on its own database and takes every
# closed-loop row on both nodes in turn, then prints both tables and the ratio of their CPU per pair row by row.
# COMPARE_ENV='THROTTLE_STORE=database' does the same with a second node of this build given these settings.
# SERVER_JVM_OPTS adds JVM options to the server, e.g. -XX:StartFlightRecording=filename=server.jfr,dumponexit=true
# Usage: ./mvnw package -DskipTests && bench/accepted.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Dwarmup="${WARMUP_SECONDS:-90}" -Dwarmup.max="${WARMUP_MAX_SECONDS:-1200}" -Drow="${ROW_SECONDS:-15}" -Drounds="${RATIO_ROUNDS:-6}" -Dserver.jvm="${SERVER_JVM_OPTS:-}" -Dcompare.war="${COMPARE_WAR:-}" -Dcompare.env="${COMPARE_ENV:-}" -Dit.work.dir=target/bench \
    -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.resetflow.bench.AcceptedBench
