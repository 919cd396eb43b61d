package io.resetflow.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The current request's {@link ClientInfo}, honouring the configured trusted proxies (app.trusted-proxies). */
@ApplicationScoped
public class ClientInfoProducer {

    @Inject
    @ConfigProperty(name = "app.trusted-proxies")
    Optional<String> trustedProxies;

    private Set<String> trusted;

    @PostConstruct
    void parseTrustedProxies() {
        trusted = trustedProxies.map(list -> Arrays.stream(list.split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }

    @Produces
    ClientInfo current(HttpServletRequest request) {
        return of(request);
    }

    /** For code that runs outside a request scope's injection, such as servlet filters. */
    public ClientInfo of(HttpServletRequest request) {
        return ClientInfo.of(request, trusted);
    }
}
