package io.resetflow.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests a {@link TestServer}: booted once per test run (kept in the root store and
 * stopped when the run ends), however many classes use it. A failed boot is remembered, so later classes
 * fail at once with the same reason instead of booting again.
 */
public final class ServerExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private static TestServer server(ExtensionContext context) {
        Boot boot = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Boot.class, key -> new Boot(), Boot.class);
        return boot.server();
    }

    /** The outcome of the one boot: the server, or why there is none. Closed with the root store. */
    private static final class Boot implements AutoCloseable {

        private final TestServer server;
        private final Exception failure;

        Boot() {
            TestServer started = null;
            Exception failed = null;
            try {
                started = TestServer.startOnMariaDb();
            } catch (Exception e) {
                failed = e;
            }
            this.server = started;
            this.failure = failed;
        }

        TestServer server() {
            if (failure != null) {
                throw new IllegalStateException("The test server did not start: " + failure.getMessage(), failure);
            }
            return server;
        }

        @Override
        public void close() throws Exception {
            if (server != null) {
                server.close();
            }
        }
    }
}
