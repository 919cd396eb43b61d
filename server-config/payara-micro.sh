#!/bin/sh
# Starts the product on Payara Micro. The run command, the integration tests and the container image
# all start it through this file, so the options they run with cannot drift apart.
#
# Required: PAYARA_MICRO_JAR (the runtime), APP_WAR (the application).
# Server setup: SERVER_CONFIG=mysql|embedded-h2 picks the post-boot file next to this script; when unset,
# DB_HOST decides (set: mysql, unset: embedded-h2). The mysql setup also needs JDBC_DRIVER_JAR.
# Extra JVM options come from JAVA_OPTS, heap and metaspace sizes from JAVA_MEMORY_OPTS (default below); extra
# Payara Micro options are passed through as arguments.
# ACCESS_LOG_DIR turns on the HTTP access log in that directory. OPS_PORT and OPS_ADDRESS place the operators'
# listener (health details and metrics; operators.asadmin).
# Production checks (below): APP_BASE_URL https, DB_SSL_MODE VERIFY_IDENTITY or VERIFY_CA, SMTP_STARTTLS with
# SMTP_AUTH; opt-outs APP_ALLOW_HTTP, DB_ALLOW_UNVERIFIED_TLS, SMTP_ALLOW_PLAINTEXT_AUTH, or APP_DEV_MODE for all.
# CLUSTER_MEMBERS (host:port,host:port: the data grid ports of every node) makes this node one of a
# cluster named CLUSTER_NAME that shares rate limits; HZ_PORT is this node's data grid port and
# CLUSTER_INTERFACE the address it binds; THROTTLE_KEY, the secret the limits' keys are made with, must
# then be the same on every node, and the limits are counted in the data grid (THROTTLE_STORE=grid) or the
# database (THROTTLE_STORE=database). Unset: a single node that never joins anything and counts the rate limits
# in its own memory (THROTTLE_STORE=node), unless THROTTLE_STORE says database (nodes that share no data grid,
# behind a balancer with sticky sessions, counting together in the database).
set -eu

: "${PAYARA_MICRO_JAR:?PAYARA_MICRO_JAR must point at payara-micro.jar}"
: "${APP_WAR:?APP_WAR must point at the application WAR}"

config_dir=$(cd "$(dirname "$0")" && pwd)

if [ -z "${SERVER_CONFIG:-}" ]; then
    if [ -n "${DB_HOST:-}" ]; then SERVER_CONFIG=mysql; else SERVER_CONFIG=embedded-h2; fi
fi

# Safe by default, like a production start: https links, verified TLS to the database, and no SMTP
# password over an unencrypted connection. Each insecure setting is refused unless its own opt-out is set,
# and an opt-out is logged. APP_DEV_MODE=true (the run command sets it) opts out of all three.
refuse() {
    echo "ResetFlow refuses to start: $1" >&2
    exit 1
}
opted_out() {
    echo "ResetFlow WARNING: $1" >&2
}
# Renamed when Argon2id became the format of new hashes, and when host formats came: an old name is refused, never silently ignored.
[ -z "${PASSWORD_HASH_ITERATIONS:-}" ] || refuse "PASSWORD_HASH_ITERATIONS is now PASSWORD_HASH_PBKDF2_ITERATIONS (new hashes are Argon2id unless PASSWORD_WRITE_FORMAT says otherwise)"
[ -z "${PASSWORD_HASH_ALGORITHM:-}" ] || refuse "PASSWORD_HASH_ALGORITHM is now PASSWORD_HASH_PBKDF2_ALGORITHM (new hashes are Argon2id unless PASSWORD_WRITE_FORMAT says otherwise)"
[ -z "${PASSWORD_HASH_SCHEME:-}" ] || refuse "PASSWORD_HASH_SCHEME is now PASSWORD_WRITE_FORMAT (argon2id, pbkdf2, bcrypt, django-pbkdf2-sha256, spring-argon2 or spring-bcrypt)"
# A host's accounts are signed in on the host's page: the product's own sign-in and registration need its own table.
[ -z "${USERS_TABLE:-}" ] || [ -n "${HOST_SIGN_IN_URL:-}" ] || refuse "USERS_TABLE needs HOST_SIGN_IN_URL: beside a host's accounts the product serves forgot-password only"
if [ "${APP_DEV_MODE:-false}" = true ]; then
    opted_out "development mode (APP_DEV_MODE=true): http links, unverified database TLS and SMTP logins without TLS are allowed"
    APP_ALLOW_HTTP=true DB_ALLOW_UNVERIFIED_TLS=true SMTP_ALLOW_PLAINTEXT_AUTH=true
    export DB_SSL_MODE="${DB_SSL_MODE:-PREFERRED}"
fi
base_url="${APP_BASE_URL:-http://localhost:${HTTP_PORT:-8080}}"
case "$base_url" in
    https://*) ;;
    *)  if [ "${APP_ALLOW_HTTP:-false}" = true ]; then
            opted_out "APP_BASE_URL $base_url is not https: links travel in clear (APP_ALLOW_HTTP=true)"
        else
            refuse "APP_BASE_URL must be the product's https address, not '$base_url' (APP_ALLOW_HTTP=true opts out)"
        fi ;;
esac
if [ "$SERVER_CONFIG" = mysql ]; then
    export DB_SSL_MODE="${DB_SSL_MODE:-VERIFY_IDENTITY}"
    case "$DB_SSL_MODE" in
        VERIFY_CA|VERIFY_IDENTITY) ;;
        *)  if [ "${DB_ALLOW_UNVERIFIED_TLS:-false}" = true ]; then
                opted_out "DB_SSL_MODE=$DB_SSL_MODE: the database's certificate is not verified (DB_ALLOW_UNVERIFIED_TLS=true)"
            else
                refuse "DB_SSL_MODE must be VERIFY_IDENTITY or VERIFY_CA, not '$DB_SSL_MODE' (DB_ALLOW_UNVERIFIED_TLS=true opts out)"
            fi ;;
    esac
fi
if [ "${SMTP_AUTH:-false}" = true ] && [ "${SMTP_STARTTLS:-false}" != true ]; then
    if [ "${SMTP_ALLOW_PLAINTEXT_AUTH:-false}" = true ]; then
        opted_out "SMTP_AUTH=true without SMTP_STARTTLS=true: the mail password travels in clear (SMTP_ALLOW_PLAINTEXT_AUTH=true)"
    else
        refuse "SMTP_AUTH=true needs SMTP_STARTTLS=true, or the mail password travels in clear (SMTP_ALLOW_PLAINTEXT_AUTH=true opts out)"
    fi
fi

# Payara Micro takes one file of each: before boot the public listener and the operators' listener, after
# boot the database setup followed by the mail session.
preboot=$(mktemp "${TMPDIR:-/tmp}/resetflow-preboot.XXXXXX")
cat "$config_dir/http-listener.asadmin" "$config_dir/operators.asadmin" > "$preboot"
postboot=$(mktemp "${TMPDIR:-/tmp}/resetflow-postboot.XXXXXX")
cat "$config_dir/$SERVER_CONFIG.asadmin" "$config_dir/mail-session.asadmin" > "$postboot"
set -- --prebootcommandfile "$preboot" --postbootcommandfile "$postboot" "$@"
if [ "$SERVER_CONFIG" = mysql ]; then
    : "${JDBC_DRIVER_JAR:?JDBC_DRIVER_JAR must point at mysql-connector-j.jar for the mysql setup}"
    set -- --addlibs "$JDBC_DRIVER_JAR" "$@"
fi

# Access log, when wanted: ACCESS_LOG_DIR. The format leaves out query strings, where a reset link's
# token would otherwise be written to disk.
if [ -n "${ACCESS_LOG_DIR:-}" ]; then
    mkdir -p "$ACCESS_LOG_DIR"
    # Each line at once instead of every five minutes (--accesslog itself sets 300 s, so after boot).
    echo 'set configs.config.server-config.http-service.access-log.write-interval-seconds=0' >> "$postboot"
    set -- --accesslog "$ACCESS_LOG_DIR" \
        --accesslogformat '%client.name% %datetime% %http-method% %http-uri% %http-version% %status% %response.length% %time-taken%' "$@"
fi

if [ -n "${CLUSTER_MEMBERS:-}" ]; then
    : "${CLUSTER_NAME:?CLUSTER_NAME must name the cluster when CLUSTER_MEMBERS is set}"
    : "${THROTTLE_KEY:?THROTTLE_KEY must be set, the same secret on every node, when CLUSTER_MEMBERS is set}"
    case "${THROTTLE_STORE:-grid}" in
        grid|database) ;;
        *) refuse "THROTTLE_STORE must be grid or database when CLUSTER_MEMBERS is set: each node would count the rate limits on its own" ;;
    esac
    set -- --clustername "$CLUSTER_NAME" --clustermode "tcpip:$CLUSTER_MEMBERS" \
        --startport "${HZ_PORT:-5900}" --interfaces "${CLUSTER_INTERFACE:-127.0.0.1}" "$@"
    # The data grid listens on CLUSTER_INTERFACE alone: without this it binds every address of the host, whatever
    # --interfaces says. Its only gate is the cluster name (docs/operations.md, "A closed data grid").
    grid_bind_opts=-Dhazelcast.socket.bind.any=false
else
    set -- --nocluster "$@"
    # A node that serves alone counts the rate limits in its own memory: no data-grid operation per attempt.
    export THROTTLE_STORE="${THROTTLE_STORE:-node}"
fi

# This process serves the product alone: a start the product refuses (a setting that cannot work, a database it
# cannot migrate, a mapped table that does not fit) ends it, exit status 78, with the refusal line last, rather than
# leaving a server whose pages cannot work.
export APP_EXIT_ON_REFUSAL="${APP_EXIT_ON_REFUSAL:-true}"

# No outbound connections: Payara's usage phone-home and the data grid's phone-home stay off,
# and this instance never joins a cluster it happens to find on the network.
export HZ_PHONE_HOME_ENABLED=false

# Memory: a heap and metaspace of the product's own size instead of a quarter of the host's memory, so a node's
# footprint is the same on any host (resident memory under 600 MiB through 100,000 requests, bench/load.sh).
# Visitors who are not signed in keep nothing on the heap, and password hashing holds at most one Argon2id
# memory cost per processor. JAVA_MEMORY_OPTS replaces these (set but empty: the JVM's own sizing); options in
# JAVA_OPTS come later and win too.
# The parallel collector rather than G1, the JVM's choice on two or more processors: on a heap this small G1 costs
# more CPU per request (its write barriers, marking), and it takes each Argon2id buffer (12 MiB) for a "humongous"
# object placed straight in the old generation, so hashing many passwords ran it into full collections (42 and 21 in
# two runs of bench/password_timing.py, against 9 and 12 for the parallel collector; docs/performance.md, "Load and memory"). A
# collector named in JAVA_OPTS replaces it: the JVM refuses to start with two.
collector=-XX:+UseParallelGC
# shellcheck disable=SC2086
for option in ${JAVA_OPTS:-}; do
    case $option in -XX:+Use*GC) collector= ;; esac
done
# Fewer malloc arenas: with many threads, glibc's default keeps memory the JVM has given back.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# Jakarta Mail looks up its stream provider for every body part it makes or writes; named here, the lookup is
# one class look-up instead of a scan of every jar on the class path (a third of a mail's CPU time without it).
# JAVA_OPTS is split on spaces on purpose: it carries several JVM options.
# shellcheck disable=SC2086
exec java ${JAVA_MEMORY_OPTS--Xmx192m -XX:MaxMetaspaceSize=192m $collector} ${grid_bind_opts:-} ${JAVA_OPTS:-} \
    -Djakarta.mail.util.StreamProvider=org.eclipse.angus.mail.util.MailStreamProvider \
    -Dhazelcast.phone.home.enabled=false \
    -Duser.timezone=UTC \
    -Dfile.encoding=UTF-8 \
    -jar "$PAYARA_MICRO_JAR" \
    --disablephonehome \
    --port "${HTTP_PORT:-8080}" \
    --deploy "$APP_WAR" \
    --contextroot / \
    "$@"
