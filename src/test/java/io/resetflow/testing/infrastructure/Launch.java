package io.resetflow.testing.infrastructure;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What to start as one Payara Micro with the product: where the runtime, the WAR and the work directory
 * are, the environment the server-config files read, and where the server's output goes. Made by
 * {@link #forTests} or {@link #forRunCommand}.
 */
public final class Launch {

    /** JIT and GC settings that boot Payara two to four times faster on a busy two-core machine. */
    static final String FAST_BOOT = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx768m";

    private final Path serverDir;
    private final Path war;
    private final Path workDir;
    private final int httpPort;
    private final Map<String, String> environment;
    private final boolean outputToConsole;
    private final String jvmOptions;

    private Launch(Path serverDir, Path war, Path workDir, int httpPort, Map<String, String> environment,
                   boolean outputToConsole, String jvmOptions) {
        this.serverDir = serverDir;
        this.war = war;
        this.workDir = workDir;
        this.httpPort = httpPort;
        this.environment = Map.copyOf(environment);
        this.outputToConsole = outputToConsole;
        this.jvmOptions = jvmOptions;
    }

    /** A test server from the build output: its own work directory under target/it, its output in a log file. */
    public static Launch forTests(String name, int httpPort, Map<String, String> environment) {
        return new Launch(
                Path.of(System.getProperty("it.server.dir", "target/server")).toAbsolutePath(),
                Path.of(System.getProperty("it.war", "target/resetflow.war")).toAbsolutePath(),
                Path.of(System.getProperty("it.work.dir", "target/it")).toAbsolutePath().resolve(name),
                httpPort, environment, false, FAST_BOOT);
    }

    /**
     * The run command's server: work directory target/run-PORT, its output on this console, the JVM settings of a
     * production start plus the caller's JAVA_OPTS, as the start script takes them.
     */
    public static Launch forRunCommand(int httpPort, Map<String, String> environment) {
        return new Launch(
                Path.of(System.getProperty("run.server.dir", "target/server")).toAbsolutePath(),
                Path.of(System.getProperty("run.war", "target/resetflow.war")).toAbsolutePath(),
                projectDir().resolve("target").resolve("run-" + httpPort),
                httpPort, environment, true, System.getenv().getOrDefault("JAVA_OPTS", ""));
    }

    /** The same launch with these JVM options instead (the empty string: the JVM's defaults, as in production). */
    public Launch withJvmOptions(String options) {
        return new Launch(serverDir, war, workDir, httpPort, environment, outputToConsole, options);
    }

    /** The same launch of another WAR (an earlier build's, for a benchmark that compares the two). */
    public Launch withWar(Path otherWar) {
        return new Launch(serverDir, otherWar, workDir, httpPort, environment, outputToConsole, jvmOptions);
    }

    /** The same launch with these variables added to its environment. */
    public Launch withEnvironment(Map<String, String> extra) {
        Map<String, String> merged = new HashMap<>(environment);
        merged.putAll(extra);
        return new Launch(serverDir, war, workDir, httpPort, merged, outputToConsole, jvmOptions);
    }

    static Path projectDir() {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath();
    }

    Path serverDir() {
        return serverDir;
    }

    public Path war() {
        return war;
    }

    public Path workDir() {
        return workDir;
    }

    int httpPort() {
        return httpPort;
    }

    /** Where the public pages of what this launches answer. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort + "/");
    }

    Map<String, String> environment() {
        return environment;
    }

    boolean outputToConsole() {
        return outputToConsole;
    }

    String jvmOptions() {
        return jvmOptions;
    }
}
