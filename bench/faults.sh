#!/usr/bin/env bash
# Runs the fault tests (kill -9 of a node, a MariaDB restart and outage, a minute without mail server, a mail
# server slower than a lease with two nodes) and prints what each offered, answered, delivered, sent twice and
# lost. Needs what ./mvnw verify needs: MariaDB on 127.0.0.1:3306 and /usr/sbin/mariadbd.
# Usage: bench/faults.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target && rm -f target/faults.tsv
./mvnw -q -B -ntp verify -Dtest=NoUnitTests -Dsurefire.failIfNoSpecifiedTests=false -Dit.test='*FaultIT' >target/faults.log 2>&1 \
    || { echo "fault tests failed; see target/faults.log" >&2; status=1; }
echo "| fault | offered | answered | delivered | duplicates | lost |"
echo "|---|---|---|---|---|---|"
awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6 }' target/faults.tsv
exit "${status:-0}"
