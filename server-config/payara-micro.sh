#!/bin/sh
# Starts the product on Payara Micro. The run command, the integration tests and the container image
# all start it through this file, so the options they run with cannot drift apart.
#
# Required: PAYARA_MICRO_JAR (the runtime), APP_WAR (the application).
# Server setup: SERVER_CONFIG=mysql|embedded-h2 picks the post-boot file next to this script; when unset,
# DB_HOST decides (set: mysql, unset: embedded-h2). The mysql setup also needs JDBC_DRIVER_JAR.
# Extra JVM options come from JAVA_OPTS; extra Payara Micro options are passed through as arguments.
# ACCESS_LOG_DIR turns on the HTTP access log in that directory.
# CLUSTER_MEMBERS (host:port,host:port: the data grid ports of every node) makes this node one of a
# cluster named CLUSTER_NAME that shares rate limits; HZ_PORT is this node's data grid port and
# CLUSTER_INTERFACE the address it binds; THROTTLE_KEY, the secret the limits' keys are made with, must
# then be the same on every node. Unset: a single node that never joins anything.
set -eu

: "${PAYARA_MICRO_JAR:?PAYARA_MICRO_JAR must point at payara-micro.jar}"
: "${APP_WAR:?APP_WAR must point at the application WAR}"

config_dir=$(cd "$(dirname "$0")" && pwd)

if [ -z "${SERVER_CONFIG:-}" ]; then
    if [ -n "${DB_HOST:-}" ]; then SERVER_CONFIG=mysql; else SERVER_CONFIG=embedded-h2; fi
fi

# Payara Micro takes one post-boot file: the database setup followed by the mail session.
postboot=$(mktemp "${TMPDIR:-/tmp}/resetflow-postboot.XXXXXX")
cat "$config_dir/$SERVER_CONFIG.asadmin" "$config_dir/mail-session.asadmin" > "$postboot"
set -- --prebootcommandfile "$config_dir/http-listener.asadmin" --postbootcommandfile "$postboot" "$@"
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
    set -- --clustername "$CLUSTER_NAME" --clustermode "tcpip:$CLUSTER_MEMBERS" \
        --startport "${HZ_PORT:-5900}" --interfaces "${CLUSTER_INTERFACE:-127.0.0.1}" "$@"
else
    set -- --nocluster "$@"
fi

# No outbound connections: Payara's usage phone-home and the data grid's phone-home stay off,
# and this instance never joins a cluster it happens to find on the network.
export HZ_PHONE_HOME_ENABLED=false

# JAVA_OPTS is split on spaces on purpose: it carries several JVM options.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} \
    -Dhazelcast.phone.home.enabled=false \
    -Duser.timezone=UTC \
    -Dfile.encoding=UTF-8 \
    -jar "$PAYARA_MICRO_JAR" \
    --disablephonehome \
    --port "${HTTP_PORT:-8080}" \
    --deploy "$APP_WAR" \
    --contextroot / \
    "$@"
