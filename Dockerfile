# The product on the official Payara Micro 6 image, configured for MySQL/MariaDB by server-config/.
# Build the WAR first (it also fetches the JDBC driver into target/server/):
#   ./mvnw package -DskipTests && docker build -t resetflow .
# Run (every setting is an environment variable, see docs/operations.md; the start script refuses an http
# APP_BASE_URL, database TLS without certificate checks, and SMTP logins without STARTTLS):
#   docker run -p 8080:8080 -e DB_HOST=db.internal -e DB_USER=resetflow -e DB_PASSWORD=... \
#              -e SMTP_HOST=smtp.internal -e MAIL_FROM=no-reply@example.org \
#              -e APP_BASE_URL=https://reset.example.org resetflow
FROM payara/micro:6.2025.10-jdk17

COPY --chown=payara:payara server-config/ /opt/payara/server-config/
COPY --chown=payara:payara target/server/mysql-connector-j.jar /opt/payara/lib/mysql-connector-j.jar
COPY --chown=payara:payara target/resetflow.war /opt/payara/deployments/resetflow.war

# The same start script as the run command and the integration tests: one set of options, no drift.
ENV PAYARA_MICRO_JAR=/opt/payara/payara-micro.jar \
    APP_WAR=/opt/payara/deployments/resetflow.war \
    JDBC_DRIVER_JAR=/opt/payara/lib/mysql-connector-j.jar \
    SERVER_CONFIG=mysql \
    HTTP_PORT=8080 \
    OPS_PORT=9090 \
    OPS_ADDRESS=0.0.0.0 \
    HZ_PHONE_HOME_ENABLED=false

# 8080: the public pages. 9090: health details and metrics, for the monitoring network only.
EXPOSE 8080 9090
ENTRYPOINT ["sh", "/opt/payara/server-config/payara-micro.sh"]
