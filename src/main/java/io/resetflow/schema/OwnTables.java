package io.resetflow.schema;

import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.sessions.Session;

/**
 * The names of the product's own tables: each carries the prefix {@code db.table-prefix} ({@code resetflow_} unless
 * set), so that beside a host site's tables none can collide with one of the site's, and an administrator sees at a
 * glance which tables are the product's. The migrations create them under these names (the {@code ${prefix}}
 * placeholder), the entities are mapped onto them as the persistence unit deploys, and every statement written by
 * hand names them through the constants here (the outbox's, the rate limits', the ended sign-ins' and the history's;
 * the others are only reached through their entities). Read once, when this class is first used.
 */
public final class OwnTables {

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,30}_");

    private static final String KEY = "db.table-prefix";

    /** The prefix every own table carries, as set; {@link #check()} refuses a start with an unusable one. */
    public static final String PREFIX_VALUE = ConfigProvider.getConfig(OwnTables.class.getClassLoader())
            .getOptionalValue(KEY, String.class).orElse("").strip();

    /** The outbox: every mail request, notice and event. */
    public static final String MAIL_OUTBOX = PREFIX_VALUE + "mail_outbox";
    /** Rate-limit buckets that every node counts together ({@code throttle.store=database}). */
    public static final String RATE_BUCKET = PREFIX_VALUE + "rate_bucket";
    /** Sign-ins that were signed out, read by every node ({@code throttle.store=database}). */
    public static final String ENDED_SIGN_IN = PREFIX_VALUE + "ended_sign_in";
    /** The record of the product's migrations. */
    public static final String SCHEMA_HISTORY = PREFIX_VALUE + "schema_history";

    /** The names of these tables in releases before the prefix, as the entities still declare them. */
    static final Set<String> UNPREFIXED = Set.of("app_user", "mailed_link", "mail_outbox");

    private OwnTables() {
    }

    /**
     * Checks the prefix, before anything touches the database.
     *
     * @throws IllegalStateException naming the setting, if it is not a lower-case letter, then lower-case letters,
     *                               digits and underscores, ending with an underscore
     */
    public static void check() {
        check(PREFIX_VALUE);
    }

    static void check(String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalStateException("DB_TABLE_PREFIX (db.table-prefix) must be a lower-case letter, then lower-case"
                    + " letters, digits or underscores, ending with an underscore, at most 32 characters (such as resetflow_),"
                    + " was '" + prefix + "'");
        }
    }

    /** The name of one of the product's tables, as the entities declare it without the prefix. */
    public static String named(String unprefixed) {
        if (!UNPREFIXED.contains(unprefixed)) {
            throw new IllegalArgumentException("Not a table of the product's: " + unprefixed);
        }
        return PREFIX_VALUE + unprefixed;
    }

    /** Maps every entity declared on one of the product's tables onto its prefixed name, as the persistence unit deploys. */
    public static void prefixEntities(Session session) {
        for (ClassDescriptor descriptor : session.getDescriptors().values()) {
            String table = descriptor.getTableName();
            if (table != null && UNPREFIXED.contains(table)) {
                descriptor.setTableName(named(table));
            }
        }
    }
}
