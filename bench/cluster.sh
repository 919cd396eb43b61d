#!/usr/bin/env bash
# One, two and three Payara Micro nodes on this machine behind HAProxy (server-config/haproxy.cfg, round robin), with
# the start script's production JVM settings, from CLIENTS clients (default 8): forgot-password flows per second, the
# flow's time, the time from the post to the link in the inbox (p50/p99) and the nodes' CPU time per flow; two and
# three nodes both as one cluster and as nodes that share nothing, so that the difference is the data grid's cost
# per request; and sign-in flows (a session on every request), which only a cluster serves without stickiness.
# On one machine the nodes share its cores: this measures the cluster's overhead, not a speed-up. Prints one table.
# Needs MariaDB on 127.0.0.1:3306 (root, empty password) and Debian's haproxy. ROW_SECONDS (default 20) per row after
# WARMUP_SECONDS (default 60) per node of untimed forgot-password flows on each fresh set of nodes (sign-in: a third).
# Usage: bench/cluster.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp verify -DskipTests
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Dclients="${CLIENTS:-8}" -Dseconds="${ROW_SECONDS:-20}" -Dwarmup="${WARMUP_SECONDS:-60}" -Dit.work.dir=target/bench \
    -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.resetflow.bench.ClusterBench
