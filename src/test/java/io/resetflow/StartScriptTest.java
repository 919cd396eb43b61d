package io.resetflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start script's production checks, as an operator meets them: an insecure setting stops the start with
 * one line naming it, unless its opt-out is set, which is then logged. A stand-in {@code java} on the PATH
 * shows whether the script went on to start the server, and with which database TLS mode.
 */
class StartScriptTest {

    private static final Path SCRIPT = Path.of("server-config/payara-micro.sh").toAbsolutePath();

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void standInJava() throws IOException {
        Path java = dir.resolve("bin").resolve("java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\necho \"server started with DB_SSL_MODE=${DB_SSL_MODE:-}"
                + " THROTTLE_STORE=${THROTTLE_STORE:-unset} options $*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        env.put("PATH", java.getParent() + ":" + System.getenv("PATH"));
        env.put("TMPDIR", dir.toString());
        env.put("PAYARA_MICRO_JAR", dir.resolve("payara-micro.jar").toString());
        env.put("APP_WAR", dir.resolve("resetflow.war").toString());
        env.put("JDBC_DRIVER_JAR", dir.resolve("mysql-connector-j.jar").toString());
        env.put("APP_BASE_URL", "https://reset.example.org");
    }

    @Test
    void secureSettingsStartWithoutWarnings() throws Exception {
        env.put("DB_HOST", "db.internal");
        env.put("SMTP_AUTH", "true");
        env.put("SMTP_STARTTLS", "true");

        Result result = run();

        assertThat(result.exit()).isZero();
        assertThat(result.output()).contains("server started with DB_SSL_MODE=VERIFY_IDENTITY").doesNotContain("WARNING");
    }

    @Test
    void httpBaseUrlIsRefusedWithOneLineNamingTheSetting() throws Exception {
        env.put("APP_BASE_URL", "http://reset.example.org");

        assertRefused(run(), "APP_BASE_URL");
    }

    @Test
    void missingBaseUrlIsRefusedSinceItsDefaultIsHttp() throws Exception {
        env.remove("APP_BASE_URL");

        assertRefused(run(), "APP_BASE_URL");
    }

    @Test
    void databaseTlsWithoutCertificateVerificationIsRefused() throws Exception {
        env.put("DB_HOST", "db.internal");
        env.put("DB_SSL_MODE", "REQUIRED");

        assertRefused(run(), "DB_SSL_MODE");
    }

    @Test
    void smtpPasswordWithoutTlsIsRefused() throws Exception {
        env.put("SMTP_AUTH", "true");

        assertRefused(run(), "SMTP_AUTH");
    }

    @Test
    void aHostsUserTableWithoutTheHostsSignInIsRefused() throws Exception {
        env.put("APP_DEV_MODE", "true");
        env.put("USERS_TABLE", "auth_user");

        assertRefused(run(), "HOST_SIGN_IN_URL");
    }

    @Test
    void aPasswordHashSettingUnderItsOldNameIsRefusedNotIgnored() throws Exception {
        env.put("APP_DEV_MODE", "true");
        env.put("PASSWORD_HASH_ITERATIONS", "1000000");

        assertRefused(run(), "PASSWORD_HASH_PBKDF2_ITERATIONS");

        env.remove("PASSWORD_HASH_ITERATIONS");
        env.put("PASSWORD_HASH_ALGORITHM", "PBKDF2WithHmacSHA512");

        assertRefused(run(), "PASSWORD_HASH_PBKDF2_ALGORITHM");

        env.remove("PASSWORD_HASH_ALGORITHM");
        env.put("PASSWORD_HASH_SCHEME", "pbkdf2");

        assertRefused(run(), "PASSWORD_WRITE_FORMAT");
    }

    @Test
    void eachOptOutStartsAndIsLogged() throws Exception {
        env.put("APP_BASE_URL", "http://reset.example.org");
        env.put("APP_ALLOW_HTTP", "true");
        env.put("DB_HOST", "db.internal");
        env.put("DB_SSL_MODE", "DISABLED");
        env.put("DB_ALLOW_UNVERIFIED_TLS", "true");
        env.put("SMTP_AUTH", "true");
        env.put("SMTP_ALLOW_PLAINTEXT_AUTH", "true");

        Result result = run();

        assertThat(result.exit()).isZero();
        assertThat(result.output()).contains("server started with DB_SSL_MODE=DISABLED")
                .contains("WARNING: APP_BASE_URL http://reset.example.org is not https")
                .contains("WARNING: DB_SSL_MODE=DISABLED").contains("WARNING: SMTP_AUTH=true without SMTP_STARTTLS=true");
    }

    @Test
    void developmentModeAllowsAllThreeAndDefaultsToOpportunisticDatabaseTls() throws Exception {
        env.remove("APP_BASE_URL");
        env.put("APP_DEV_MODE", "true");
        env.put("DB_HOST", "127.0.0.1");
        env.put("SMTP_AUTH", "true");

        Result result = run();

        assertThat(result.exit()).isZero();
        assertThat(result.output()).contains("WARNING: development mode").contains("server started with DB_SSL_MODE=PREFERRED");
    }

    @Test
    void aLoneNodeCountsTheRateLimitsInItsMemoryAClusterInTheDataGridOrTheDatabase() throws Exception {
        env.put("APP_DEV_MODE", "true");

        assertThat(run().output()).contains("THROTTLE_STORE=node").contains("--nocluster");

        env.put("CLUSTER_MEMBERS", "10.0.0.1:5900,10.0.0.2:5900");
        env.put("CLUSTER_NAME", "resetflow-test");
        env.put("THROTTLE_KEY", "a cluster's shared secret, long enough to be a real one");
        Result cluster = run();
        assertThat(cluster.exit()).isZero();
        assertThat(cluster.output()).as("the application's default: the data grid").contains("THROTTLE_STORE=unset")
                .contains("--clustername resetflow-test");

        env.put("THROTTLE_STORE", "database");
        assertThat(run().output()).contains("THROTTLE_STORE=database").contains("--clustername resetflow-test");

        env.put("THROTTLE_STORE", "node");
        assertRefused(run(), "THROTTLE_STORE");

        env.remove("CLUSTER_MEMBERS");
        env.put("THROTTLE_STORE", "database");
        assertThat(run().output()).as("nodes that share no data grid, only the database")
                .contains("THROTTLE_STORE=database").contains("--nocluster");
    }

    @Test
    void theParallelCollectorRunsUnlessTheOperatorChoosesOtherwise() throws Exception {
        env.put("APP_DEV_MODE", "true");

        assertThat(run().output()).contains("-Xmx192m -XX:MaxMetaspaceSize=192m -XX:+UseParallelGC");

        env.put("JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        assertThat(run().output()).as("a collector named in JAVA_OPTS, which the JVM would refuse beside another")
                .contains("-Xmx192m -XX:MaxMetaspaceSize=192m").contains("-XX:+UseSerialGC").doesNotContain("UseParallelGC");

        env.remove("JAVA_OPTS");
        env.put("JAVA_MEMORY_OPTS", "-Xmx1g");
        assertThat(run().output()).contains("-Xmx1g").doesNotContain("UseParallelGC").doesNotContain("-Xmx192m");
    }

    private static void assertRefused(Result result, String setting) {
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).doesNotContain("server started");
        assertThat(result.output().lines().filter(l -> l.startsWith("ResetFlow refuses to start: ")))
                .singleElement().asString().contains(setting);
    }

    private record Result(int exit, String output) {
    }

    private Result run() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", SCRIPT.toString()).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
