package io.resetflow.background;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.servlet.ServletContext;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Announces once that the application has started, as {@link Started}. The container announces the application
 * scope once per virtual server that serves the application: the public listener's and the operators' each have
 * their own servlet context. Whatever must happen once at start observes {@link Started}, not that.
 */
@ApplicationScoped
public class ApplicationStart {

    /**
     * The application has started at this context path ({@code ""} at the root); fired once per deployment.
     * Observers order themselves with {@code @Priority}.
     */
    public record Started(String contextPath) {
    }

    @Inject
    Event<Started> started;

    private final AtomicBoolean announced = new AtomicBoolean();

    void announce(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class) ServletContext servletContext) {
        if (announced.compareAndSet(false, true)) {
            started.fire(new Started(servletContext.getContextPath()));
        }
    }
}
