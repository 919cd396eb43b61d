package io.resetflow.testing.infrastructure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of a real SMTP server that, while stalling, holds back the end of every message (the
 * line with a single dot) for a while before passing it on: a mail server that takes that long to say it has
 * the mail. Nothing is accepted before the dot arrives, so each mail is delivered at most once per send. It can
 * also close every connection on which the client has said nothing for a while, as mail servers and relays do
 * with idle connections.
 */
public final class StallingSmtpProxy implements AutoCloseable {

    private static final byte[] END_OF_DATA = {'\r', '\n', '.', '\r', '\n'};

    private final ServerSocket listener;
    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger stalledMessages = new AtomicInteger();
    private final AtomicInteger heldMessages = new AtomicInteger();
    private final AtomicInteger droppedConnections = new AtomicInteger();
    private volatile Duration stall = Duration.ZERO;
    private volatile Duration dropIdleAfter = Duration.ZERO;

    public StallingSmtpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** From now on, every message's end is held back this long (zero: passed on at once). */
    public void stallEachMessage(Duration stall) {
        this.stall = stall;
    }

    /** From now on, new connections on which the client says nothing for this long are closed (zero: never). */
    public void dropConnectionsIdleFor(Duration idle) {
        this.dropIdleAfter = idle;
    }

    /** How many connections were closed for being idle so far. */
    public int droppedConnections() {
        return droppedConnections.get();
    }

    /** How many message ends were held back so far. */
    public int stalledMessages() {
        return stalledMessages.get();
    }

    /** How many message ends are being held back right now. */
    public int heldMessages() {
        return heldMessages.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                client.setSoTimeout((int) dropIdleAfter.toMillis());
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                threads.execute(() -> relay(client, server, true));
                threads.execute(() -> relay(server, client, false));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket from, Socket to, boolean clientToServer) {
        byte[] buffer = new byte[8192];
        int matched = 0;
        try (from; to; InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (clientToServer) {
                    for (int i = 0; i < n; i++) {
                        matched = buffer[i] == END_OF_DATA[matched] ? matched + 1 : (buffer[i] == END_OF_DATA[0] ? 1 : 0);
                        if (matched == END_OF_DATA.length) {
                            matched = 0;
                            Duration hold = stall;
                            if (!hold.isZero()) {
                                out.write(buffer, 0, i);
                                out.flush();
                                stalledMessages.incrementAndGet();
                                heldMessages.incrementAndGet();
                                try {
                                    Thread.sleep(hold.toMillis());
                                } finally {
                                    heldMessages.decrementAndGet();
                                }
                                System.arraycopy(buffer, i, buffer, 0, n - i);
                                n -= i;
                                i = 0;
                            }
                        }
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (SocketTimeoutException idle) {
            droppedConnections.incrementAndGet(); // the client said nothing for too long: both sides close
        } catch (IOException e) {
            // one side closed: the other goes with it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
    }
}
