package io.resetflow.mailedlink;

import io.resetflow.throttle.Limit;
import java.time.Duration;
import java.time.Instant;

/**
 * One kind of mailed link, as the feature that mails it declares it (a CDI producer of this record): its name in
 * the table and the audit log, the page its link opens, how long a link works, and the limit that counts a
 * client's wrong, expired and used links.
 *
 * @param name     the purpose, e.g. {@code password_reset}; also the prefix of its audit events
 * @param page     the page's path, e.g. {@code /reset-password}
 * @param lifetime how long a link works after it is made
 * @param attempts the per-client limit on bad links opened or submitted
 */
public record LinkPurpose(String name, String page, Duration lifetime, Limit attempts) {

    /** When a link made at this instant stops working: it is usable while now is strictly before this. */
    public Instant expiryFor(Instant issuedAt) {
        return issuedAt.plus(lifetime);
    }
}
