package io.resetflow.testing.infrastructure;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A fresh Payara Server 6 domain of the installation Maven unpacked ({@code it.payara.server.dir}), on free ports
 * outside the ephemeral range (some are bound only at the domain's restart), with no message broker, that never
 * phones home and whose data grid binds to loopback under a name of its own: both are set in its
 * domain.xml before its first start, because {@code asadmin disable-phone-home} needs a running domain. asadmin
 * keeps its files under {@code HOME}, so it gets a home of its own. Stopped (and, failing that, killed) on close.
 */
public final class PayaraServerDomain implements AutoCloseable {

    private static final Duration ASADMIN_TIMEOUT = Duration.ofMinutes(5);
    /** The ports a domain takes, as offsets from its port base: admin, http, https, data grid, IIOP, JMS, JMX, OSGi shell. */
    private static final int[] PORT_OFFSETS = {48, 80, 81, 49, 59, 37, 38, 39, 76, 86, 66, 9};
    /** Every offset above fits in a block of this many ports. */
    private static final int PORT_BLOCK = 100;

    private final Path installation;
    private final Path domainsDir;
    private final String name;
    private final int portBase;
    private final Path home;
    private final Path log;

    private PayaraServerDomain(Path installation, Path domainsDir, String name, int portBase, Path home, Path log) {
        this.installation = installation;
        this.domainsDir = domainsDir;
        this.name = name;
        this.portBase = portBase;
        this.home = home;
        this.log = log;
    }

    /** Creates and starts the domain. */
    public static PayaraServerDomain start(String name) throws IOException, InterruptedException {
        Path installation = Path.of(System.getProperty("it.payara.server.dir"));
        Path asadmin = installation.resolve("bin/asadmin");
        Files.setPosixFilePermissions(asadmin, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path work = Path.of(System.getProperty("it.work.dir")).resolve("payara-server-" + name);
        stopLeftover(work.resolve("domains").resolve(name)); // an earlier run's domain of this name, if it still runs
        Directories.deleteRecursively(work);
        Files.createDirectories(work);
        Path home = Files.createDirectories(work.resolve("home"));
        Path domains = work.resolve("domains");
        PayaraServerDomain domain = new PayaraServerDomain(installation, domains, name, freePortBase(), home, work.resolve("asadmin.log"));
        domain.local("create-domain", "--nopassword=true", "--portbase", String.valueOf(domain.portBase), "--domaindir",
                domains.toString(), name);
        domain.closeItsNetworkBeforeTheFirstStart();
        domain.local("start-domain", "--domaindir", domains.toString(), name);
        return domain;
    }

    public Path asadminPath() {
        return installation.resolve("bin/asadmin");
    }

    public Path domainsDir() {
        return domainsDir;
    }

    public String name() {
        return name;
    }

    public int adminPort() {
        return portBase + 48;
    }

    /** Where the domain's public listener (http-listener-1) answers. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + (portBase + 80));
    }

    public Path domainXml() {
        return domainsDir.resolve(name).resolve("config/domain.xml");
    }

    /** Runs asadmin against this domain with these extra environment variables; its output goes to the test log. */
    public String asadmin(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(asadminPath().toString(), "--interactive=false", "--port", String.valueOf(adminPort())));
        command.addAll(List.of(arguments));
        return run(command, environment);
    }

    /** Runs one of asadmin's local commands (create-domain, start-domain, stop-domain) on this domain's folder. */
    private String local(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(asadminPath().toString(), "--interactive=false"));
        command.addAll(List.of(arguments));
        return run(command, Map.of());
    }

    /** Runs a command (a set-up script, say) with this domain's asadmin environment; fails unless it succeeds. */
    public String run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("HZ_PHONE_HOME_ENABLED", "false");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(ASADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        Files.writeString(log, "$ " + String.join(" ", command) + "\n" + output + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("exit " + process.exitValue() + " from " + String.join(" ", command) + ":\n" + output);
        }
        return output;
    }

    /** No phone-home, for the server and its data grid; the data grid on loopback, in a group of its own. */
    private void closeItsNetworkBeforeTheFirstStart() throws IOException {
        String xml = Files.readString(domainXml());
        xml = xml.replaceFirst("<hazelcast-runtime-configuration ", "<hazelcast-runtime-configuration interface=\"127.0.0.1\""
                + " das-bind-address=\"127.0.0.1\" das-public-address=\"127.0.0.1\" cluster-group-name=\"resetflow-it-"
                + ProcessHandle.current().pid() + "-" + name + "\" ");
        String serverConfig = "<config name=\"server-config\">";
        // No message broker: the product sends no JMS, and a broker would bind yet another port at the restart.
        xml = xml.replace(serverConfig, serverConfig + "\n      <phone-home-runtime-configuration enabled=\"false\"></phone-home-runtime-configuration>"
                + "\n      <jms-service type=\"DISABLED\" default-jms-host=\"default_JMS_host\"><jms-host name=\"default_JMS_host\""
                + " host=\"localhost\" port=\"${JMS_PROVIDER_PORT}\" lazy-init=\"true\"></jms-host></jms-service>");
        int javaConfig = xml.indexOf('>', xml.indexOf("<java-config", xml.indexOf(serverConfig))) + 1;
        xml = xml.substring(0, javaConfig) + "\n        <jvm-options>-Dhazelcast.phone.home.enabled=false</jvm-options>"
                + "\n        <jvm-options>-Dhazelcast.socket.bind.any=false</jvm-options>" + xml.substring(javaConfig);
        Files.writeString(domainXml(), xml);
    }

    /** A block of ports for a domain's port base, outside the ephemeral range (see {@link Ports}). */
    private static int freePortBase() {
        return Ports.freeBlock(PORT_BLOCK, PORT_OFFSETS);
    }

    @Override
    public void close() throws IOException {
        try {
            local("stop-domain", "--kill=true", "--domaindir", domainsDir.toString(), name);
        } catch (IOException | InterruptedException | IllegalStateException e) {
            stopLeftover(domainsDir.resolve(name));
        }
    }

    /** Kills the domain's server process, named in its pid file, if one is still running. */
    private static void stopLeftover(Path domain) throws IOException {
        Path pid = domain.resolve("config/pid");
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
