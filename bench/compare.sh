#!/usr/bin/env bash
# Two running servers side by side (a version against another, or one setting against another): forgot-password page
# view + post pairs at concurrency 4 in rounds that alternate between A and B, so that both meet the same machine;
# per round and server the server's CPU time per pair (with its collector's and JIT compiler's part), then the
# medians and the median ratio B/A. On a shared machine, where a server's cost moves by a quarter between runs, this
# is how a smaller change is measured.
# Start both servers first, each trusting this machine as a proxy, on two ports (and two databases), e.g.
#   DB_NAME=bench_a HTTP_PORT=8080 APP_TRUSTED_PROXIES=127.0.0.1 ./mvnw -Prun     (one version's tree)
#   DB_NAME=bench_b HTTP_PORT=8081 APP_TRUSTED_PROXIES=127.0.0.1 ./mvnw -Prun     (the other's)
#   bench/compare.sh url-a url-b [rounds, default 10] [seconds per round, default 15]
# Untimed alternating rounds come first, until both JIT compilers take under 5% of their server's CPU: WARMUP_SECONDS
# at least (default 60), WARMUP_MAX_SECONDS at most (default 1200). Run as the servers' user.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.resetflow.bench.AlternatingBench "$@"
