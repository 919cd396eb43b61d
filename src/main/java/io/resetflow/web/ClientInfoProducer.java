package io.resetflow.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The current request's {@link ClientInfo}, honouring the configured trusted proxies (app.trusted-proxies) and
 * the header they write (app.forwarded-header).
 */
@ApplicationScoped
public class ClientInfoProducer {

    @Inject
    @ConfigProperty(name = "app.trusted-proxies")
    Optional<String> trustedProxies;

    @Inject
    @ConfigProperty(name = "app.forwarded-header")
    String forwardedHeader;

    /**
     * The rate limits' secret: where nodes share one, an entry of a forwarding header that names no address is
     * the same client on every node. Without it, a secret of this node's own.
     */
    @Inject
    @ConfigProperty(name = "throttle.key")
    Optional<String> sharedSecret;

    private ForwardedClient forwarded;

    @PostConstruct
    void configure() {
        Set<String> trusted = trustedProxies.map(list -> Arrays.stream(list.split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
        byte[] key = sharedSecret.filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        });
        forwarded = new ForwardedClient(trusted, ForwardedClient.Header.named(forwardedHeader), key);
    }

    @Produces
    ClientInfo current(HttpServletRequest request) {
        return of(request);
    }

    /** For code that runs outside a request scope's injection, such as servlet filters. */
    public ClientInfo of(HttpServletRequest request) {
        return ClientInfo.of(request, forwarded);
    }
}
