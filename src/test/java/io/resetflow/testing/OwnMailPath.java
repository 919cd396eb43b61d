package io.resetflow.testing;

import io.resetflow.testing.infrastructure.Launch;
import io.resetflow.testing.infrastructure.Ports;
import io.resetflow.testing.infrastructure.StallingSmtpProxy;
import java.util.Map;

/**
 * What a fault test's own nodes run against: a database of its own beside the shared server's (so that the shared
 * server never delivers its outbox), an SMTP sink where the mails arrive, and a relay in front of the sink, which the
 * nodes send to and the test can make stall or drop idle connections. Closing it stops both and drops the database.
 */
public record OwnMailPath(TestDatabase database, MailSink mail, StallingSmtpProxy smtp) implements AutoCloseable {

    /** A database named after the shared one with this suffix, a sink and its relay. */
    public static OwnMailPath beside(TestServer shared, String name) throws Exception {
        TestDatabase database = shared.database().sibling(name);
        MailSink mail = null;
        try {
            mail = new MailSink(Ports.free()).start();
            return new OwnMailPath(database, mail, new StallingSmtpProxy(mail.port()));
        } catch (Exception | Error e) {
            if (mail != null) {
                mail.close();
            }
            database.close();
            throw e;
        }
    }

    /** A node configured like the tests' server, on this database and sending through the relay. */
    public Launch nodeLaunch(String name, Map<String, String> extra) {
        return TestServer.nodeLaunch(name, database, smtp.port(), extra);
    }

    @Override
    public void close() throws Exception {
        try (TestDatabase dropped = database; MailSink stopped = mail; StallingSmtpProxy relay = smtp) {
            // each is closed, the relay first and the database last, even when one of them fails
        }
    }
}
