package io.resetflow.launch;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

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

    /** Every mail received so far, oldest first. */
    public List<MimeMessage> received() {
        return greenMail == null ? List.of() : Arrays.asList(greenMail.getReceivedMessages());
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
