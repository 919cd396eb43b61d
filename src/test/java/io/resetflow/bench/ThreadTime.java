package io.resetflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The CPU time a Java process spends in some of its threads, read from {@code /proc/PID/task/TID/stat}: its JIT
 * compiler's ({@code C1 CompilerThre...}, {@code C2 CompilerThre...}; on a busy two-core machine a server keeps
 * compiling for many minutes under load, and that time lands on every request measured meanwhile) or its garbage
 * collector's ({@code G1 ...}, {@code GC Thread#...}, and the {@code VM Thread} that runs its pauses). Sampled every
 * second and summed per thread: the JVM stops compiler threads that fall idle, and a thread that ends loses at most
 * its last second.
 */
final class ThreadTime implements AutoCloseable {

    /** Linux reports thread CPU time in clock ticks of 1/100 s (USER_HZ) on every architecture Debian builds. */
    private static final long MILLIS_PER_TICK = 10;

    private final Path tasks;
    private final Predicate<String> counted;
    private final Map<String, Long> ticksByThread = new HashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "thread-time");
        thread.setDaemon(true);
        return thread;
    });
    private long totalTicks;
    private boolean started;

    private ThreadTime(ProcessHandle process, Predicate<String> counted) {
        this.tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        this.counted = counted;
        sample();
        sampler.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    /** The JIT compiler's threads. */
    static ThreadTime compilerOf(ProcessHandle process) {
        return new ThreadTime(process, name -> name.contains("CompilerThre"));
    }

    /** The garbage collector's threads and the VM thread, which runs its pauses. */
    static ThreadTime collectorOf(ProcessHandle process) {
        return new ThreadTime(process, name -> name.startsWith("G1 ") || name.startsWith("GC Thread") || name.equals("VM Thread"));
    }

    /** The threads that serve HTTP requests (Linux keeps the first 15 characters of a thread's name). */
    static ThreadTime requestThreadsOf(ProcessHandle process) {
        return new ThreadTime(process, name -> name.startsWith("http-thread-poo"));
    }

    /** The container's managed threads: the outbox's claimer and workers, and the product's repeating tasks. */
    static ThreadTime managedThreadsOf(ProcessHandle process) {
        return new ThreadTime(process, name -> name.startsWith("concurrent/"));
    }

    /** CPU time of the counted threads since this began watching, in milliseconds. */
    long millis() {
        sample();
        synchronized (this) {
            return totalTicks * MILLIS_PER_TICK;
        }
    }

    private synchronized void sample() {
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (!counted.test(name)) {
                    continue;
                }
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                Long before = ticksByThread.put(thread.getFileName().toString(), ticks);
                if (before != null) {
                    totalTicks += ticks - before;
                } else if (started) {
                    totalTicks += ticks; // started after the first sample: all of its time is new
                }
            }
            started = true;
        } catch (IOException processEnded) {
            // the server stopped; the time counted so far stays
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
