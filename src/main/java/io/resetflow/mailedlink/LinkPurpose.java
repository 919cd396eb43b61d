package io.resetflow.mailedlink;

import io.resetflow.throttle.Limit;
import java.time.Duration;
import java.time.Instant;

/**
 * One kind of mailed link, as the feature that mails it declares it (a CDI producer of this record): its name in
 * the table, the outbox and the audit log, the page its link opens, how long a link works, and its limits.
 *
 * @param name               the purpose, e.g. {@code password_reset}; also the outbox kind of its requests and
 *                           the prefix of its audit events
 * @param page               the page's path, e.g. {@code /reset-password}
 * @param lifetime           how long a link works after it is made
 * @param attempts           the per-client limit on bad links opened or submitted
 * @param requestsPerClient  the limit on links asked for from one client network
 * @param requestsPerAddress the limit on links asked for one canonical address, whether or not an account has it
 */
public record LinkPurpose(String name, String page, Duration lifetime, Limit attempts, Limit requestsPerClient,
        Limit requestsPerAddress) {

    /** When a link made at this instant stops working: it is usable while now is strictly before this. */
    public Instant expiryFor(Instant issuedAt) {
        return issuedAt.plus(lifetime);
    }
}
