#!/usr/bin/env bash
# Sets up a running Payara Server 6 domain for ResetFlow and deploys the WAR: the same resources and settings as
# the admin console steps in docs/operations.md ("Payara Server 6"), by asadmin. Run it again to upgrade the
# WAR in place: resources that exist are kept (and the secrets' aliases updated), the WAR is redeployed, the
# data stays.
#
# Every value comes from the environment:
#   ASADMIN            path of asadmin (default: asadmin on the PATH)
#   AS_ADMIN_HOST      admin host (default localhost); AS_ADMIN_PORT admin port (default 4848)
#   AS_ADMIN_USER      admin user (default admin); AS_ADMIN_PASSWORD its password, if the domain has one
#   APP_WAR            the WAR to deploy; JDBC_DRIVER_JAR MySQL Connector/J (./mvnw package puts both in target/)
#   APP_BASE_URL       the address people reach the product at: https, or the product refuses to start unless
#                      APP_ALLOW_HTTP=true (logged at every start)
#   SMTP_ALLOW_PLAINTEXT_AUTH  true lets the product start with SMTP_AUTH=true and no STARTTLS (logged)
#   DB_HOST DB_PORT DB_NAME DB_USER DB_PASSWORD DB_SSL_MODE (default VERIFY_IDENTITY)
#   SMTP_HOST SMTP_PORT SMTP_USER SMTP_PASSWORD SMTP_AUTH SMTP_STARTTLS MAIL_FROM
#   OPS_ADDRESS OPS_PORT   the operators' listener for /health details and /metrics (default 127.0.0.1:9090)
#   HTTP_LISTENER      the public listener's protocol (default http-listener-1, Payara Server's name)
#   DOMAIN_DIR DOMAIN_NAME  the domain to restart, when it is not domain1 in the installation's domains folder
#                      (asadmin restarts a domain from this host only)
#
# No secret is ever on a command line that ps shows: DB_PASSWORD, SMTP_PASSWORD and AS_ADMIN_PASSWORD go into a
# password file only this user can read, removed on exit; the resources refer to the secrets as password aliases
# (${ALIAS=resetflow-db-password}), which the server keeps encrypted in its domain.
set -euo pipefail

: "${APP_WAR:?APP_WAR must name the WAR to deploy}"
: "${JDBC_DRIVER_JAR:?JDBC_DRIVER_JAR must name MySQL Connector/J}"
: "${APP_BASE_URL:?APP_BASE_URL must be the address people reach the product at}"
: "${DB_NAME:?DB_NAME must name the database}"
: "${DB_USER:?DB_USER must name the database account}"

asadmin_path=${ASADMIN:-asadmin}
listener=${HTTP_LISTENER:-http-listener-1}

secrets=$(mktemp)
chmod 600 "$secrets"
trap 'rm -f "$secrets"' EXIT
printf 'AS_ADMIN_PASSWORD=%s\n' "${AS_ADMIN_PASSWORD:-}" > "$secrets"

asadmin() {
    "$asadmin_path" --interactive=false --host "${AS_ADMIN_HOST:-localhost}" --port "${AS_ADMIN_PORT:-4848}" \
        --user "${AS_ADMIN_USER:-admin}" --passwordfile "$secrets" "$@"
}

# asadmin's own escaping for values in --property lists and option lists: \, : and = are special.
escape() {
    local value=$1
    value=${value//\\/\\\\}
    value=${value//:/\\:}
    value=${value//=/\\=}
    printf '%s' "$value"
}

# An alias holding a secret, created or updated from the password file.
alias_secret() {
    local name=$1 secret=$2
    printf 'AS_ADMIN_PASSWORD=%s\nAS_ADMIN_ALIASPASSWORD=%s\n' "${AS_ADMIN_PASSWORD:-}" "$secret" > "$secrets"
    if exists list-password-aliases "$name"; then
        asadmin update-password-alias "$name"
    else
        asadmin create-password-alias "$name"
    fi
    printf 'AS_ADMIN_PASSWORD=%s\n' "${AS_ADMIN_PASSWORD:-}" > "$secrets"
}

exists() { # exists <list command> <name>: whether the server's listing names it (listings pad names with spaces)
    asadmin "$1" | sed 's/[[:space:]]*$//' | grep -xF -- "$2" > /dev/null
}

jvm_option() {
    exists list-jvm-options "$1" || asadmin create-jvm-options "$(escape "$1")"
}

echo "ResetFlow on Payara Server: setting up the domain at ${AS_ADMIN_HOST:-localhost}:${AS_ADMIN_PORT:-4848}"

exists list-libraries "$(basename "$JDBC_DRIVER_JAR")" || asadmin add-library "$JDBC_DRIVER_JAR"

alias_secret resetflow-db-password "${DB_PASSWORD:-}"
if ! exists list-jdbc-connection-pools resetflow-pool; then
    # READ COMMITTED on purpose (see mysql.asadmin); validation on, so a pool survives a database restart; the
    # driver's per-request settings as in mysql.asadmin. Payara's default SQL trace listener stays, unlike there: the
    # admin console cannot remove it (docs/operations.md, "Payara Server 6"), and this script makes what the console makes.
    asadmin create-jdbc-connection-pool --datasourceclassname=com.mysql.cj.jdbc.MysqlDataSource \
        --restype=javax.sql.DataSource --isolationlevel=read-committed --isisolationguaranteed=true \
        --isconnectvalidatereq=true --validationmethod=custom-validation \
        --validationclassname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation --failconnection=true \
        --steadypoolsize=2 --maxpoolsize="${DB_POOL_MAX:-32}" \
        --property "serverName=$(escape "${DB_HOST:-127.0.0.1}"):portNumber=${DB_PORT:-3306}:databaseName=$(escape "$DB_NAME"):characterEncoding=UTF-8:connectionTimeZone=UTC:forceConnectionTimeZoneToSession=true:useLocalSessionState=true:cachePrepStmts=true:prepStmtCacheSqlLimit=2048:openTelemetry=DISABLED:sslMode=${DB_SSL_MODE:-VERIFY_IDENTITY}:user=$(escape "$DB_USER"):password=\${ALIAS\=resetflow-db-password}" \
        resetflow-pool
fi
exists list-jdbc-resources jdbc/resetflow || asadmin create-jdbc-resource --connectionpoolid=resetflow-pool jdbc/resetflow
asadmin ping-connection-pool resetflow-pool

if ! exists list-javamail-resources mail/resetflow; then
    mail_properties="mail-smtp-host=$(escape "${SMTP_HOST:-localhost}"):mail-smtp-port=${SMTP_PORT:-25}:mail-smtp-auth=${SMTP_AUTH:-false}:mail-smtp-starttls-enable=${SMTP_STARTTLS:-false}:mail-smtp-starttls-required=${SMTP_STARTTLS:-false}:mail-smtp-connectiontimeout=10000:mail-smtp-timeout=20000:mail-smtp-writetimeout=20000"
    if [ -n "${SMTP_PASSWORD:-}" ]; then
        alias_secret resetflow-smtp-password "$SMTP_PASSWORD"
        mail_properties="$mail_properties:mail-smtp-password=\${ALIAS\=resetflow-smtp-password}"
    fi
    asadmin create-javamail-resource --mailhost="${SMTP_HOST:-localhost}" --mailuser="${SMTP_USER:-resetflow}" \
        --fromaddress="${MAIL_FROM:-no-reply@localhost}" --property "$mail_properties" mail/resetflow
elif [ -n "${SMTP_PASSWORD:-}" ]; then
    alias_secret resetflow-smtp-password "$SMTP_PASSWORD"
fi

# The product's settings as system properties of the server (MicroProfile Config reads them), then the JVM
# options that must be there when the JVM starts.
asadmin create-system-properties "app.base-url=$(escape "$APP_BASE_URL"):ops.port=${OPS_PORT:-9090}:app.allow-http=${APP_ALLOW_HTTP:-false}:smtp.allow-plaintext-auth=${SMTP_ALLOW_PLAINTEXT_AUTH:-false}"
jvm_option "-Djakarta.mail.util.StreamProvider=org.eclipse.angus.mail.util.MailStreamProvider"
jvm_option "-Dhazelcast.phone.home.enabled=false"
jvm_option "-Dhazelcast.socket.bind.any=false"
jvm_option "-Duser.timezone=UTC"
jvm_option "-Dfile.encoding=UTF-8"

# The public listener: no banners, the request limits ListenerErrorPages answers for, HTTP/1.1 only.
protocol="configs.config.server-config.network-config.protocols.protocol.$listener.http"
asadmin set "$protocol.server-header=false" "$protocol.xpowered-by=false" \
    "$protocol.header-buffer-length-bytes=65536" "$protocol.max-request-headers=1000" "$protocol.http2-enabled=false"

# Nothing but the application on the public listener: OpenAPI off, MicroProfile Metrics and the product's
# detailed /health on the operators' listener only (operators.asadmin does the same on Payara Micro).
asadmin set-openapi-configuration --enabled=false
if ! exists list-virtual-servers operators; then
    asadmin create-virtual-server --hosts "${OPS_ADDRESS:-127.0.0.1}" operators
fi
if ! exists list-http-listeners operators-listener; then
    asadmin create-http-listener --listeneraddress "${OPS_ADDRESS:-127.0.0.1}" --listenerport "${OPS_PORT:-9090}" \
        --default-virtual-server operators --securityenabled=false operators-listener
fi
asadmin set configs.config.server-config.http-service.virtual-server.operators.network-listeners=operators-listener
# HTTP/1.1 only and no banner, as on the public listener (operators.asadmin says why).
asadmin set configs.config.server-config.network-config.protocols.protocol.operators-listener.http.http2-enabled=false \
    configs.config.server-config.network-config.protocols.protocol.operators-listener.http.server-header=false \
    configs.config.server-config.network-config.protocols.protocol.operators-listener.http.xpowered-by=false
asadmin set-microprofile-healthcheck-configuration --enabled=false --endpoint=payara-health
asadmin set configs.config.server-config.microprofile-metrics-configuration.enabled=true \
    configs.config.server-config.microprofile-metrics-configuration.virtual-servers=operators

# Deployed (or redeployed: resources and data stay) before the restart, so that it starts with the JVM options and
# MicroProfile settings above, which take effect only then. The product answers once the restarted server has
# loaded it, a few seconds after restart-domain returns.
asadmin deploy --force=true --name resetflow --contextroot / --virtualservers server,operators "$APP_WAR"
if [ -n "${DOMAIN_DIR:-}" ]; then
    asadmin restart-domain --domaindir "$DOMAIN_DIR" "${DOMAIN_NAME:-domain1}"
else
    asadmin restart-domain "${DOMAIN_NAME:-domain1}"
fi
echo "ResetFlow is deployed: $APP_BASE_URL"
