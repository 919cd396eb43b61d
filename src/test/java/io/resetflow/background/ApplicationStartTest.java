package io.resetflow.background;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The one line a refused start ends with, and what it stops. */
class ApplicationStartTest {

    @Test
    void aRefusedStartIsAnnouncedSoThatWhatStartedBeforeItStops() {
        ApplicationStart start = new ApplicationStart();
        IllegalStateException refusal = new IllegalStateException("THROTTLE_STORE (throttle.store) is 'grid' and this server is not Payara");
        start.started = new RecordingEvent<>(refusal);
        RecordingEvent<ApplicationStart.Refused> refused = new RecordingEvent<>(null);
        start.refusedEvent = refused;

        assertThatThrownBy(() -> start.announce(servletContextAt(""))).isSameAs(refusal);
        assertThat(refused.fired).containsExactly(new ApplicationStart.Refused(
                "ResetFlow refuses to start: THROTTLE_STORE (throttle.store) is 'grid' and this server is not Payara"));
    }

    @Test
    void aStartThatIsNotRefusedAnnouncesNoRefusal() {
        ApplicationStart start = new ApplicationStart();
        RecordingEvent<ApplicationStart.Started> started = new RecordingEvent<>(null);
        start.started = started;
        RecordingEvent<ApplicationStart.Refused> refused = new RecordingEvent<>(null);
        start.refusedEvent = refused;

        start.announce(servletContextAt("/reset"));
        start.announce(servletContextAt("/reset")); // the operators' listener's context: announced once only

        assertThat(started.fired).containsExactly(new ApplicationStart.Started("/reset"));
        assertThat(refused.fired).isEmpty();
    }

    private static jakarta.servlet.ServletContext servletContextAt(String path) {
        return (jakarta.servlet.ServletContext) java.lang.reflect.Proxy.newProxyInstance(ApplicationStartTest.class.getClassLoader(),
                new Class<?>[] {jakarta.servlet.ServletContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getContextPath")) {
                        return path;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** An event that records what is fired, and throws what a failing observer would. */
    private static final class RecordingEvent<T> implements jakarta.enterprise.event.Event<T> {
        final java.util.List<T> fired = new java.util.ArrayList<>();
        private final RuntimeException observerFailure;

        RecordingEvent(RuntimeException observerFailure) {
            this.observerFailure = observerFailure;
        }

        @Override
        public void fire(T event) {
            fired.add(event);
            if (observerFailure != null) {
                throw observerFailure;
            }
        }

        @Override
        public <U extends T> java.util.concurrent.CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> java.util.concurrent.CompletionStage<U> fireAsync(U event, jakarta.enterprise.event.NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public jakarta.enterprise.event.Event<T> select(java.lang.annotation.Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> jakarta.enterprise.event.Event<U> select(Class<U> subtype, java.lang.annotation.Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> jakarta.enterprise.event.Event<U> select(jakarta.enterprise.util.TypeLiteral<U> subtype,
                java.lang.annotation.Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void theInnermostCheckNamesTheSetting() {
        RuntimeException wrapped = new RuntimeException("WELD-000049: Unable to invoke check() on Site",
                new IllegalStateException("outer", new IllegalStateException("HOST_SIGN_IN_URL (host.sign-in-url) is not a URL: x y")));

        assertThat(ApplicationStart.refusal(wrapped)).isEqualTo("ResetFlow refuses to start: HOST_SIGN_IN_URL (host.sign-in-url) is not a URL: x y");
    }

    @Test
    void aLineThatAlreadySaysSoIsNotSaidTwice() {
        assertThat(ApplicationStart.refusal(new IllegalStateException("ResetFlow refuses to start: USERS_TABLE: the database has no table user")))
                .isEqualTo("ResetFlow refuses to start: USERS_TABLE: the database has no table user");
    }

    @Test
    void anyOtherFailureGivesItsInnermostCauseOnOneLine() {
        RuntimeException failure = new RuntimeException("Migration failed", new java.sql.SQLException("Access denied for user 'app'\nmore"));

        assertThat(ApplicationStart.refusal(failure)).isEqualTo("ResetFlow refuses to start: SQLException: Access denied for user 'app'");
    }
}
