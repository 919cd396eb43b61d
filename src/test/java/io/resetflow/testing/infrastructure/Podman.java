package io.resetflow.testing.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's podman, as this kind of machine runs it: with runc, plain cgroups and no raised limits (its own
 * {@code containers.conf}), host networking. Builds the product's image from the project's {@code Dockerfile} on a
 * Java base made from Debian's packages alone, and runs it: no container registry is needed anywhere.
 */
public final class Podman {

    private static final Path PODMAN = Path.of("/usr/bin/podman");
    private static final Path RUNC = Path.of("/usr/sbin/runc");
    private static final Path DEBOOTSTRAP = Path.of("/usr/sbin/debootstrap");
    /** What the base holds besides Debian's minimal system (which brings sh and bash). */
    static final List<String> BASE_PACKAGES = List.of("openjdk-17-jre-headless");
    /** Marks every container the tests start, so that a run can remove what an interrupted one left. */
    static final String TEST_LABEL = "io.resetflow.it";

    private final Path workDir;
    private final Path config;

    private Podman(Path workDir) throws IOException {
        this.workDir = Files.createDirectories(workDir);
        this.config = workDir.resolve("containers.conf");
        // crun refuses this machine's hybrid cgroups, and raising RLIMIT_NOFILE/NPROC is not permitted here.
        Files.writeString(config, """
                [containers]
                default_ulimits = []
                [engine]
                cgroup_manager = "cgroupfs"
                """);
    }

    /** The engine, or the calling test skipped with a hint (failed under CI, which installs it). */
    public static Podman require() throws IOException {
        Prerequisites.require(Files.isExecutable(PODMAN) && Files.isExecutable(RUNC) && Files.isExecutable(DEBOOTSTRAP),
                "The container image test needs Debian's podman, runc and debootstrap: apt-get install -y podman runc debootstrap");
        Podman podman = new Podman(Path.of(System.getProperty("it.work.dir", "target/it")).toAbsolutePath().resolve("podman"));
        podman.removeExitedTestContainers();
        return podman;
    }

    /** What one podman command printed (standard output and error together) and its exit status. */
    public record Result(int status, String output) {
        Result orFail(String what) {
            if (status != 0) {
                throw new IllegalStateException(what + " failed with status " + status + ":\n" + tail(output));
            }
            return this;
        }

        public String trimmed() {
            return output.strip();
        }
    }

    /** Runs {@code podman --runtime runc ARGS} and waits for it. */
    public Result podman(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(PODMAN.toString(), "--runtime", "runc"));
        command.addAll(List.of(args));
        return execute(command, timeout);
    }

    private Result execute(List<String> command, Duration timeout) {
        try {
            Path output = Files.createTempFile(workDir, "podman", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
                builder.environment().put("CONTAINERS_CONF", config.toString());
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    Processes.stop(process, Duration.ofSeconds(5));
                    throw new IllegalStateException(String.join(" ", command) + " took longer than " + timeout + ":\n" + tail(Files.readString(output)));
                }
                // podman 4.3 complains on every run that it cannot reach systemd for health-check timers; the tests run
                // the health check themselves.
                String text = Files.readString(output).lines()
                        .filter(line -> !line.contains("unable to get systemd connection"))
                        .reduce("", (all, line) -> all + line + "\n");
                return new Result(process.exitValue(), text);
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /**
     * A Java 17 base made from Debian's packages with debootstrap from the mirror this machine's apt uses, imported
     * into podman. Kept between runs under a name made from the release and the package list: a warm run finds it.
     */
    public String debianJavaBase() throws IOException {
        String release = osRelease("VERSION_CODENAME");
        String name = "localhost/resetflow-test-base:" + release + "-" + sha256(release + " minbase " + String.join(",", BASE_PACKAGES)).substring(0, 12);
        if (podman(Duration.ofSeconds(30), "image", "exists", name).status() == 0) {
            return name;
        }
        Path root = workDir.resolve("base-root");
        Directories.deleteRecursively(root);
        execute(List.of(DEBOOTSTRAP.toString(), "--variant=minbase", "--include=" + String.join(",", BASE_PACKAGES), release,
                root.toString(), debianMirror()), Duration.ofMinutes(20)).orFail("debootstrap");
        // Without the downloaded packages and the package lists: the image needs what they installed, not them.
        execute(List.of("bash", "-c", "tar -C \"$1\" --exclude=./var/cache/apt/archives --exclude=./var/lib/apt/lists -c . "
                + "| CONTAINERS_CONF=\"$2\" \"$3\" --runtime runc import - \"$4\"",
                "import", root.toString(), config.toString(), PODMAN.toString(), name), Duration.ofMinutes(10)).orFail("podman import");
        Directories.deleteRecursively(root);
        return name;
    }

    /** The first mirror of this machine's apt sources that serves its release's main packages (not security). */
    static String debianMirror() throws IOException {
        List<String> lines = new ArrayList<>();
        Path sourcesDir = Path.of("/etc/apt/sources.list.d");
        if (Files.isDirectory(sourcesDir)) {
            try (Stream<Path> files = Files.list(sourcesDir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".sources") || f.toString().endsWith(".list")).sorted().toList()) {
                    lines.addAll(Files.readAllLines(file));
                }
            }
        }
        Path list = Path.of("/etc/apt/sources.list");
        if (Files.isRegularFile(list)) {
            lines.addAll(Files.readAllLines(list));
        }
        return mirrorIn(lines).orElseThrow(() -> new IllegalStateException("no Debian mirror in this machine's apt sources"));
    }

    private static final Pattern DEB822_URI = Pattern.compile("^URIs:\\s*(\\S+)");
    private static final Pattern ONE_LINE = Pattern.compile("^deb\\s+(?:\\[[^]]*]\\s+)?(\\S+)\\s+\\S+\\s+main\\b");

    static Optional<String> mirrorIn(List<String> lines) {
        for (String line : lines) {
            Matcher deb822 = DEB822_URI.matcher(line.strip());
            Matcher oneLine = ONE_LINE.matcher(line.strip());
            String uri = deb822.find() ? deb822.group(1) : oneLine.find() ? oneLine.group(1) : null;
            if (uri != null && !uri.contains("security")) {
                return Optional.of(uri);
            }
        }
        return Optional.empty();
    }

    /** {@code podman build --format docker} (OCI images drop HEALTHCHECK) of the project's Dockerfile. */
    public void build(String tag, Map<String, String> buildArgs) {
        List<String> args = new ArrayList<>(List.of("build", "--format", "docker", "--tag", tag));
        buildArgs.forEach((name, value) -> args.addAll(List.of("--build-arg", name + "=" + value)));
        args.addAll(List.of("--file", Launch.projectDir().resolve("Dockerfile").toString(), Launch.projectDir().toString()));
        podman(Duration.ofMinutes(10), args.toArray(String[]::new)).orFail("podman build");
    }

    /**
     * Starts the image detached as a container of this name with the launch's settings and JVM options, with a
     * read-only root file system and a tmpfs {@code /tmp}, on the host's network (the database and the SMTP server of
     * the tests listen on 127.0.0.1 only). Returns the container's id.
     */
    public String run(String name, String image, Launch launch) {
        Map<String, String> environment = new TreeMap<>(launch.environment());
        environment.put("HTTP_PORT", Integer.toString(launch.httpPort()));
        environment.put("JAVA_OPTS", launch.jvmOptions());
        List<String> args = new ArrayList<>(List.of("run", "--detach", "--name", name, "--label", TEST_LABEL + "=true",
                "--read-only", "--tmpfs", "/tmp", "--network", "host"));
        environment.forEach((key, value) -> args.addAll(List.of("--env", key + "=" + value)));
        args.add(image);
        return podman(Duration.ofMinutes(2), args.toArray(String[]::new)).orFail("podman run").trimmed();
    }

    /** One field of {@code podman inspect}, by its Go template. */
    public String inspect(String nameOrImage, String template) {
        return podman(Duration.ofSeconds(30), "inspect", "--format", template, nameOrImage).orFail("podman inspect").trimmed();
    }

    public String logs(String container) {
        return podman(Duration.ofSeconds(30), "logs", container).output();
    }

    /** Removes the container, running or not. */
    public void remove(String container) {
        podman(Duration.ofMinutes(1), "rm", "--force", "--time", "5", container);
    }

    private void removeExitedTestContainers() {
        String ids = podman(Duration.ofSeconds(30), "ps", "--all", "--quiet", "--filter", "label=" + TEST_LABEL,
                "--filter", "status=exited").trimmed();
        ids.lines().filter(id -> !id.isBlank()).forEach(this::remove);
    }

    private static String osRelease(String key) throws IOException {
        return Files.readAllLines(Path.of("/etc/os-release")).stream()
                .filter(line -> line.startsWith(key + "="))
                .map(line -> line.substring(key.length() + 1).replace("\"", ""))
                .findFirst().orElseThrow(() -> new IllegalStateException("/etc/os-release names no " + key));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
