# The product on Payara Micro 6 and a Java 17 runtime, configured for MySQL/MariaDB by server-config/.
# Everything the image holds comes from the Maven build; nothing is downloaded while it is built:
#   ./mvnw package -DskipTests
#   docker build -t resetflow .                  (or: podman build --format docker -t resetflow .)
# Run it with a read-only root file system; /tmp is the only place it writes (docs/operations.md, "Container image"):
#   docker run --read-only --tmpfs /tmp -p 8080:8080 -p 127.0.0.1:9090:9090 \
#              -e DB_HOST=db.internal -e DB_USER=resetflow -e DB_PASSWORD=... \
#              -e SMTP_HOST=smtp.internal -e MAIL_FROM=no-reply@example.org \
#              -e APP_BASE_URL=https://reset.example.org resetflow
# Every setting is an environment variable (README, "Settings"); the start script refuses an http APP_BASE_URL,
# database TLS without certificate checks and SMTP logins without STARTTLS, and a start the product refuses ends
# the container with status 78 and the reason as its last log line.

# A Java 17 runtime image with /bin/sh and bash (the health check); the tests build on one made from Debian's
# packages, as no registry is reachable where they run.
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}

# Labels: the release build passes its version, commit and the address of its source.
ARG VERSION=development
ARG REVISION=unknown
ARG SOURCE_URL=unknown
ARG LICENSES=NOASSERTION
LABEL org.opencontainers.image.title="ResetFlow" \
      org.opencontainers.image.description="Password reset by mailed link, on Payara Micro 6 and MySQL/MariaDB" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE_URL}" \
      org.opencontainers.image.licenses="${LICENSES}"

# Owned by root and read-only to the process: it can change none of its own code or setup.
COPY server-config/ /opt/resetflow/server-config/
COPY target/server/payara-micro.jar target/server/mysql-connector-j.jar /opt/resetflow/lib/
COPY target/resetflow.war /opt/resetflow/resetflow.war

# The same start script as the run command and the integration tests: one set of options, no drift.
ENV PAYARA_MICRO_JAR=/opt/resetflow/lib/payara-micro.jar \
    APP_WAR=/opt/resetflow/resetflow.war \
    JDBC_DRIVER_JAR=/opt/resetflow/lib/mysql-connector-j.jar \
    SERVER_CONFIG=mysql \
    HTTP_PORT=8080 \
    OPS_PORT=9090 \
    OPS_ADDRESS=0.0.0.0 \
    HOME=/tmp \
    TMPDIR=/tmp

# Not root, and no account in the image's user database needed: any uid works, this is the default.
USER 10001:10001
WORKDIR /tmp

# 8080: the public pages. 9090: health details and metrics, for the monitoring network only.
EXPOSE 8080 9090
# Ready means the database and the mail server answer; the first start migrates the schema, hence the grace.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD ["bash", "/opt/resetflow/server-config/health-check.sh"]
# The script ends by exec'ing Java, so the JVM is the container's first process and SIGTERM stops it cleanly.
ENTRYPOINT ["sh", "/opt/resetflow/server-config/payara-micro.sh"]
