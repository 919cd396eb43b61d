#!/usr/bin/env bash
# Load on a running server's forgot-password page: page view + post pairs at concurrency 1, 4 and 16 for a known
# and an unknown address (each client keeps its connection, as a browser does), once more at concurrency 4 with a
# new connection per request, and a flood of page views; per row pairs/s, pair time p50/p99, the server's CPU time
# per pair (and how much of it the JIT compiler took) and its resident memory (from /proc), and its heap after a
# full GC before and after the flood (jcmd).
# Start the server first, trusting this machine as a proxy so that each pair counts as its own client:
#   APP_TRUSTED_PROXIES=127.0.0.1 ./mvnw -Prun        (then, in another terminal)
#   bench/load.sh [base-url, default http://127.0.0.1:8080/] [seconds per row, default 15] [flood page views, default 20000]
# Untimed pairs come first, until the JIT compiler takes under 5% of the server's CPU (a server just started compiles
# for many minutes on two cores): WARMUP_SECONDS at least (default 60), WARMUP_MAX_SECONDS at most (default 1200).
# SERVER_PID names the server's process if it is not the one listening on the port; MAIL_DIR where the run command
# keeps its mails (for registering the known account). Run as the server's user (jcmd attaches to it).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.resetflow.bench.LoadBench "$@"
