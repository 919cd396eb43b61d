package io.resetflow.testing;

import java.net.URI;

/**
 * The product where a test reaches it: the address of its pages and the SMTP server its mails go to. The tests'
 * own server is one ({@link TestServer}); a deployment on another server is {@link #at}.
 */
public interface Deployment {

    URI baseUri();

    MailSink mail();

    static Deployment at(URI baseUri, MailSink mail) {
        record At(URI baseUri, MailSink mail) implements Deployment {
        }
        return new At(baseUri, mail);
    }
}
