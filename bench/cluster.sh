#!/usr/bin/env bash
# One, two and three Payara Micro nodes on this machine behind HAProxy (server-config/haproxy.cfg, round robin):
# forgot-password flows per second from CLIENTS clients (default 8), the flow's time, the time from the post to the
# link in the inbox (p50/p99), the nodes' CPU time per flow, and what the data grid adds per request compared with
# one node that has none. Every node gets the start script's production JVM settings. Prints one table.
# On one machine the nodes share its cores: this measures the cluster's overhead, not a speed-up.
# Needs MariaDB on 127.0.0.1:3306 (root, empty password) and Debian's haproxy. ROW_SECONDS (default 20) per row after
# WARMUP_SECONDS (default 45) of untimed flows on each fresh cluster.
# Usage: bench/cluster.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp verify -DskipTests
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Dclients="${CLIENTS:-8}" -Dseconds="${ROW_SECONDS:-20}" -Dwarmup="${WARMUP_SECONDS:-45}" -Dit.work.dir=target/bench \
    -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.resetflow.bench.ClusterBench
