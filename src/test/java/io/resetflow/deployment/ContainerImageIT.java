package io.resetflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.Deployment;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.OwnMailPath;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.infrastructure.Launch;
import io.resetflow.testing.infrastructure.Podman;
import io.resetflow.testing.infrastructure.Prerequisites;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The project's {@code Dockerfile}, built with Debian's podman on a Java base made from Debian's packages (no
 * container registry anywhere) and run as an operator would: read-only, not root, healthy by its own health check,
 * serving the whole story, and stopped by SIGTERM within seconds without losing a request it had accepted.
 */
@ExtendWith(ServerExtension.class)
class ContainerImageIT {

    private static final String IMAGE = "localhost/resetflow:it";
    private static final Duration READY = Duration.ofMinutes(4);
    private static final List<String> REPORT = new ArrayList<>();

    private static Podman podman;

    @BeforeAll
    static void buildImage() throws IOException {
        podman = Podman.require();
        long started = System.nanoTime();
        String base = podman.debianJavaBase();
        REPORT.add("base " + base + ": " + seconds(started) + " s (made now or found from an earlier run)");
        started = System.nanoTime();
        podman.build(IMAGE, Map.of("BASE_IMAGE", base, "VERSION", System.getProperty("it.version", "development"), "REVISION", revision()));
        REPORT.add("image build: " + seconds(started) + " s");
        REPORT.add("image size: " + Long.parseLong(podman.inspect(IMAGE, "{{.Size}}")) / (1024 * 1024) + " MiB");
    }

    @AfterAll
    static void report() throws IOException {
        Path file = Path.of(System.getProperty("it.work.dir", "target/it")).toAbsolutePath().resolve("container-image.txt");
        Files.createDirectories(file.getParent());
        Files.write(file, REPORT);
        REPORT.forEach(line -> System.out.println("Container image: " + line));
    }

    @Test
    void theImageDeclaresANonRootUserItsHealthCheckLabelsAndAnEntrypointThatBecomesJava() {
        assertThat(podman.inspect(IMAGE, "{{.Config.User}}")).isEqualTo("10001:10001");
        assertThat(podman.inspect(IMAGE, "{{json .HealthCheck.Test}}"))
                .isEqualTo("[\"CMD\",\"bash\",\"/opt/resetflow/server-config/health-check.sh\"]");
        assertThat(podman.inspect(IMAGE, "{{json .Config.Entrypoint}}"))
                .isEqualTo("[\"sh\",\"/opt/resetflow/server-config/payara-micro.sh\"]");
        assertThat(podman.inspect(IMAGE, "{{index .Config.Labels \"org.opencontainers.image.version\"}}"))
                .isEqualTo(System.getProperty("it.version", "development"));
        assertThat(podman.inspect(IMAGE, "{{json .Config.Labels}}"))
                .contains("org.opencontainers.image.source", "org.opencontainers.image.licenses", "org.opencontainers.image.revision");
        assertThat(podman.inspect(IMAGE, "{{json .Config.ExposedPorts}}")).contains("8080/tcp", "9090/tcp");
    }

    @Test
    void readOnlyAndNotRootItServesTheStoryAndAStopLosesNoAcceptedRequest(TestServer shared) throws Exception {
        try (OwnMailPath path = OwnMailPath.beside(shared, "container")) {
            Launch launch = path.nodeLaunch("container", Map.of("MAIL_OUTBOX_LEASE_SECONDS", "6"));
            Deployment node = Deployment.at(launch.baseUri(), path.mail());
            String email = Accounts.uniqueEmail("container");
            String first = "resetflow-it-" + ProcessHandle.current().pid() + "-first";
            podman.run(first, IMAGE, launch);
            try {
                long started = System.nanoTime();
                awaitHealthy(first);
                REPORT.add("first container healthy after " + seconds(started) + " s");

                Accounts.register(node, email, Accounts.PASSWORD);
                String link = ResetSteps.requestLink(node, email);
                ResetSteps.assertLandedOnSignInWithSuccess(ResetSteps.resetWith(node, link, "chosen inside a container"));
                assertThat(Accounts.isSignedIn(Accounts.signIn(node, email, "chosen inside a container"))).isTrue();

                String java = podman.podman(Duration.ofSeconds(30), "exec", first, "cat", "/proc/1/status").output();
                assertThat(java).as("the container's first process: the start script exec'd Java").containsPattern("(?m)^Name:\\s+java$");
                assertThat(java).as("Java's user").containsPattern("(?m)^Uid:\\s+10001\\s+10001\\s+10001\\s+10001$");
                assertThat(podman.podman(Duration.ofSeconds(30), "exec", first, "sh", "-c", "touch /opt/resetflow/written").output())
                        .contains("Read-only file system");
                REPORT.add("written to /tmp: " + podman.podman(Duration.ofSeconds(30), "exec", first, "du", "-sm", "/tmp").trimmed().split("\\s+")[0] + " MiB");

                // The mail server now takes each mail without ever confirming it: the next link cannot leave before the stop.
                path.database().awaitOutboxFinished();
                path.smtp().stallEachMessage(Duration.ofMinutes(10));
                assertThat(ResetSteps.askForLink(node, email).text()).contains(ResetSteps.SENT);
                await("the accepted request held by the stalled mail server").atMost(Duration.ofSeconds(30)).until(() -> path.database().queryLong(
                        "SELECT COUNT(*) FROM resetflow_mail_outbox WHERE claimed_by IS NOT NULL AND finished_at IS NULL") == 1);

                started = System.nanoTime();
                podman.podman(Duration.ofSeconds(30), "stop", "--time", "10", first);
                double stopped = seconds(started);
                REPORT.add("podman stop: " + stopped + " s");
                assertThat(stopped).as("seconds from SIGTERM to the end of the container").isLessThan(10);
                assertThat(podman.inspect(first, "{{.State.ExitCode}}")).as("ended by SIGTERM (143), not killed after the grace (137)").isEqualTo("143");
            } catch (RuntimeException | AssertionError e) {
                System.out.println(Podman.tail(podman.logs(first)));
                throw e;
            } finally {
                podman.remove(first);
            }
            assertThat(Mailbox.to(path.mail(), email, ResetSteps.LINK_MAIL)).as("link mails before the second container").hasSize(1);

            path.smtp().stallEachMessage(Duration.ZERO);
            String second = "resetflow-it-" + ProcessHandle.current().pid() + "-second";
            podman.run(second, IMAGE, launch);
            try {
                awaitHealthy(second);
                path.database().awaitOutboxFinished();
                List<MimeMessage> links = Mailbox.await(path.mail(), email, ResetSteps.LINK_MAIL, 2);
                assertThat(links).as("the link before the stop, then the one accepted just before it, once").hasSize(2);
                ResetSteps.assertLandedOnSignInWithSuccess(ResetSteps.resetWith(node, Mailbox.resetLink(links.get(1)), "after a new container"));
                assertThat(Accounts.isSignedIn(Accounts.signIn(node, email, "after a new container"))).isTrue();
                long stopping = System.nanoTime();
                podman.podman(Duration.ofSeconds(30), "stop", "--time", "10", second);
                REPORT.add("podman stop, no mail being sent: " + seconds(stopping) + " s");
            } catch (RuntimeException | AssertionError e) {
                System.out.println(Podman.tail(podman.logs(second)));
                throw e;
            } finally {
                podman.remove(second);
            }
        }
    }

    @Test
    void theComposeFileIsValidAgainstTheComposeSchema() throws Exception {
        Path dockerCompose = Path.of("/usr/bin/docker-compose");
        Prerequisites.require(Files.isExecutable(dockerCompose),
                "Checking compose.yaml needs Debian's docker-compose (its schema check runs offline): apt-get install -y docker-compose");
        Path compose = Path.of("compose.yaml").toAbsolutePath();
        assertThat(dockerCompose(dockerCompose, compose, Map.of("DB_PASSWORD", "a-password-for-the-check")))
                .as("docker-compose config --quiet").isEmpty();
        assertThat(dockerCompose(dockerCompose, compose, Map.of()))
                .as("without DB_PASSWORD").contains("set DB_PASSWORD to the password the product uses for its database");
    }

    /** What {@code docker-compose config --quiet} says of the file: nothing when it is valid. */
    private static String dockerCompose(Path dockerCompose, Path file, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(dockerCompose.toString(), "--file", file.toString(), "config", "--quiet")
                .redirectErrorStream(true);
        builder.environment().remove("DB_PASSWORD");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output.strip();
    }

    /** Runs the image's own health check until it passes; the container's status must then say healthy. */
    private static void awaitHealthy(String container) {
        await("the container's health check to pass").atMost(READY).pollInterval(Duration.ofSeconds(2)).until(() -> {
            assertThat(podman.inspect(container, "{{.State.Running}}")).as("the container is running").isEqualTo("true");
            return podman.podman(Duration.ofSeconds(30), "healthcheck", "run", container).status() == 0;
        });
        assertThat(podman.inspect(container, "{{.State.Health.Status}}")).isEqualTo("healthy");
    }

    /** The commit this tree was checked out at, as a release build labels its image; "unknown" outside a clone. */
    private static String revision() throws IOException {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor() == 0 && output.matches("[0-9a-f]{40}") ? output : "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static double seconds(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1e8) / 10.0;
    }
}
