package io.resetflow.web;

import io.resetflow.background.ApplicationStart;
import io.resetflow.payara.ListenerErrorPages;
import io.resetflow.payara.Payara;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * The product's pages for requests the server's HTTP listener refuses before any application code runs. Only Payara's
 * listener can be given them ({@link ListenerErrorPages}); on another server its own answers stay, and one line at
 * start says so.
 */
@ApplicationScoped
public class ListenerPages {

    private static final Logger LOG = Logger.getLogger(ListenerPages.class.getName());

    @Inject
    SecurityHeaders securityHeaders;

    @Inject
    Site site;

    /** Takes the pages off the listeners again; nothing to do where none were installed. */
    private Runnable uninstall = () -> { };

    void install(@Observes ApplicationStart.Started started) {
        if (!Payara.isPresent()) {
            LOG.info("Requests the HTTP listener refuses before the application (over its limits, unparsable) get the"
                    + " server's own answer: the product's pages for them exist for Payara's listener only");
            return;
        }
        ListenerErrorPages pages = ListenerErrorPages.install(securityHeaders.forPages(), started.contextPath(), site.productName());
        uninstall = pages::close;
    }

    @PreDestroy
    void remove() {
        uninstall.run();
    }
}
