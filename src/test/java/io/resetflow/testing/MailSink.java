package io.resetflow.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP server on 127.0.0.1 (GreenMail) that keeps every mail it receives, for tests and for
 * trying the product by hand. It accepts any recipient and needs no account.
 */
public final class MailSink implements AutoCloseable {

    private final int port;
    private GreenMail greenMail;

    public MailSink(int port) {
        this.port = port;
    }

    public MailSink start() {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        setup.setServerStartupTimeout(10_000L);
        greenMail = new GreenMail(setup);
        greenMail.setUser("any@localhost", "unused");
        greenMail.start();
        return this;
    }

    public int port() {
        return port;
    }

    /** Every mail received so far, mailbox by mailbox (within a mailbox, oldest first). */
    public List<MimeMessage> received() {
        return greenMail == null ? List.of() : Arrays.asList(greenMail.getReceivedMessages());
    }

    /**
     * Prints each mail, headers and body, on {@code out} soon after it arrives, and keeps it as a file
     * {@code NNNN.eml} in {@code directory} (where scripts such as the benchmarks read links from), until the
     * JVM ends.
     */
    public void printEachMail(PrintStream out, Path directory) throws IOException {
        Files.createDirectories(directory);
        AtomicInteger printed = new AtomicInteger();
        // The sink lists mails mailbox by mailbox, not in the order they came: a new mail to an earlier mailbox
        // lands in the middle of the list. So each mail is recognised by itself, not by its place.
        Set<MimeMessage> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mail-printer");
            thread.setDaemon(true);
            return thread;
        });
        printer.scheduleWithFixedDelay(() -> {
            for (MimeMessage mail : received()) {
                if (seen.add(mail)) {
                    int number = printed.incrementAndGet();
                    print(mail, number, out);
                    save(mail, directory.resolve(String.format("%04d.eml", number)), out);
                }
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
    }

    private static void print(MimeMessage mail, int number, PrintStream out) {
        try {
            out.println();
            out.println("==================== mail " + number + " ====================");
            out.println("From:    " + addresses(mail.getFrom()));
            out.println("To:      " + addresses(mail.getAllRecipients()));
            out.println("Subject: " + mail.getSubject());
            out.println("Date:    " + mail.getSentDate());
            out.println();
            out.println(Mailbox.body(mail));
            out.println("(and an HTML version of the same text, in the saved .eml file)");
            out.println("=================================================");
        } catch (MessagingException | AssertionError e) {
            out.println("(could not read mail " + number + ": " + e.getMessage() + ")");
        }
    }

    private static void save(MimeMessage mail, Path file, PrintStream out) {
        try (OutputStream stream = Files.newOutputStream(file)) {
            mail.writeTo(stream);
        } catch (MessagingException | IOException e) {
            out.println("(could not save " + file + ": " + e.getMessage() + ")");
        }
    }

    private static String addresses(Address[] addresses) {
        return String.join(", ", Arrays.stream(addresses).map(Address::toString).toList());
    }

    /** Stops accepting mail (the port closes); {@link #start()} opens it again, empty. */
    @Override
    public void close() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }
}
