package io.resetflow.testing.infrastructure;

import static org.junit.jupiter.api.Assumptions.abort;

/** Debian packages some tests need beyond the JDK and the database: the browser, the load balancer. */
public final class Prerequisites {

    private Prerequisites() {
    }

    /**
     * Skips the calling test with this hint (how to install what is missing) when a package is not there; under CI,
     * which installs every one of them, a missing package fails the test instead.
     */
    public static void require(boolean installed, String hint) {
        if (!installed) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(hint);
            }
            abort(hint);
        }
    }
}
