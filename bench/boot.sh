#!/usr/bin/env bash
# Measures how long the product takes from start to its first served page, and its memory then,
# on the embedded H2 setup and on MariaDB (127.0.0.1:3306, root, empty password). Prints a table.
# Usage: ./mvnw package -DskipTests && bench/boot.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/resetflow-boot.XXXXXX")
trap 'rm -rf "$work"' EXIT

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

boot_once() { # setup → "seconds rss_mib cpu_seconds"
    local setup=$1 http
    http=$(port)
    local env=(PAYARA_MICRO_JAR=target/server/payara-micro.jar APP_WAR=target/resetflow.war
               JDBC_DRIVER_JAR=target/server/mysql-connector-j.jar HTTP_PORT="$http" OPS_PORT="$(port)" TMPDIR="$work"
               JAVA_OPTS="-Djava.io.tmpdir=$work" SMTP_HOST=127.0.0.1 SMTP_PORT=9 APP_DEV_MODE=true)
    if [ "$setup" = mariadb ]; then
        env+=(DB_HOST=127.0.0.1 DB_NAME=resetflow_bench DB_SSL_MODE=DISABLED)
    else
        env+=(H2_DATABASE_FILE="$work/h2-$http")
    fi
    local start end pid
    start=$(date +%s.%N)
    env "${env[@]}" sh server-config/payara-micro.sh > "$work/boot-$http.log" 2>&1 &
    pid=$!
    until curl -fsS -o /dev/null "http://127.0.0.1:$http/" 2>/dev/null; do
        kill -0 "$pid" 2>/dev/null || { echo "server exited; see $work/boot-$http.log" >&2; exit 1; }
        sleep 0.2
    done
    end=$(date +%s.%N)
    local rss ticks hz
    rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
    ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    hz=$(getconf CLK_TCK)
    kill "$pid"; wait "$pid" 2>/dev/null || true
    echo "$(echo "$end - $start" | bc) $rss $(echo "scale=1; $ticks / $hz" | bc)"
}

printf '%-9s %4s %22s %16s %18s\n' setup runs "to first page (s)" "RSS (MiB)" "CPU seconds"
for setup in h2 mariadb; do
    results=()
    for _ in $(seq 1 "$runs"); do results+=("$(boot_once "$setup")"); done
    printf '%s\n' "${results[@]}" | awk -v s="$setup" -v n="$runs" '
        { t+=$1; r+=$2; c+=$3; if (min=="" || $1<min) min=$1; if ($1>max) max=$1 }
        END { printf "%-9s %4d %10.1f (%.1f-%.1f) %16d %18.1f\n", s, n, t/n, min, max, r/n, c/n }'
done
