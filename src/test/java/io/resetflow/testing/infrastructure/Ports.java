package io.resetflow.testing.infrastructure;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * TCP ports on this machine for the servers the tests and the run command start.
 * <p>
 * A port is handed out long before its server binds it (a Payara Server domain binds some of its ports only at
 * its restart, minutes later). A port the kernel hands to outgoing connections (the ephemeral range, read from
 * {@code /proc/sys/net/ipv4/ip_local_port_range}) can be taken in between by any connection on the machine,
 * ours included, so ports are chosen outside that range, each at most once per test JVM, starting at a place
 * spread evenly over the usable ports by the process id, so that two runs side by side do not try the same ports
 * first.
 */
public final class Ports {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Below this are the well-known and commonly configured ports (the database, SMTP, 8080 and such). */
    private static final int LOWEST = 10_000;
    private static final int HIGHEST = 65_535;
    /** The Linux default, for a machine that does not say. */
    private static final int[] DEFAULT_EPHEMERAL = {32_768, 60_999};

    private static final Set<Integer> handedOut = new HashSet<>();
    /** The ports that may be handed out, in order: from {@link #LOWEST} to {@link #HIGHEST}, less the ephemeral range. */
    private static int[] usable;
    /** Where in {@link #usable} the next search starts; its first value differs between processes. */
    private static int next = -1;

    private Ports() {
    }

    /** A port nothing listens on right now, outside the ephemeral range, not handed out before by this JVM. */
    public static int free() {
        return freeBlock(1, 0);
    }

    /**
     * The base of a block of {@code size} ports, every {@code base + offset} free right now, outside the ephemeral
     * range and not handed out before by this JVM; all of {@code base .. base + size - 1} count as handed out.
     */
    public static synchronized int freeBlock(int size, int... offsets) {
        if (usable == null) {
            int[] ephemeral = ephemeralRange();
            usable = IntStream.rangeClosed(LOWEST, HIGHEST).filter(port -> port < ephemeral[0] || port > ephemeral[1]).toArray();
            next = (int) (ProcessHandle.current().pid() * 997 % usable.length);
        }
        for (int tried = 0; tried < usable.length; tried += size) {
            int first = next;
            next = (next + size) % usable.length;
            int base = usable[first];
            int last = base + size - 1;
            boolean usableBlock = first + size - 1 < usable.length && usable[first + size - 1] == last
                    && IntStream.rangeClosed(base, last).noneMatch(handedOut::contains)
                    && IntStream.of(offsets).allMatch(offset -> isFree(base + offset));
            if (usableBlock) {
                IntStream.rangeClosed(base, last).forEach(handedOut::add);
                return base;
            }
        }
        throw new IllegalStateException("no free block of " + size + " ports outside the ephemeral range");
    }

    public static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The kernel's ephemeral port range, lowest and highest. */
    static int[] ephemeralRange() {
        try {
            String[] bounds = Files.readString(EPHEMERAL_RANGE).strip().split("\\s+");
            return new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])};
        } catch (IOException | RuntimeException unreadable) {
            return DEFAULT_EPHEMERAL.clone();
        }
    }
}
