package io.resetflow.user;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * Where accounts are: the product's own table ({@code app_user}), or a host site's table named by the
 * {@code users.*} settings (USERS_TABLE and its columns), so that a site with its own users gets forgot-password
 * without a migration. Read from the configuration once, by the JPA mapping ({@link AccountTableMapping}) when the
 * persistence unit deploys and by the start check ({@link AccountTableCheck}).
 *
 * @param table the host's table, {@code table} or {@code schema.table}; empty for the product's own
 */
public record AccountTable(Optional<String> table, String idColumn, String emailColumn, String passwordColumn,
        Optional<String> nameColumn, Optional<String> localeColumn, Optional<String> enabledColumn, String enabledValue,
        Optional<String> passwordChangedColumn) {

    /** Plain SQL identifiers only: a setting never carries quotes, spaces or anything else into a statement. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,63}");

    public AccountTable {
        if (table.isPresent()) {
            String[] parts = table.get().split("\\.", -1);
            if (parts.length > 2) {
                throw new IllegalArgumentException("USERS_TABLE must be a table or schema.table, was " + table.get());
            }
            for (String part : parts) {
                requireIdentifier("USERS_TABLE", part);
            }
            requireIdentifier("USERS_ID_COLUMN", idColumn);
            requireIdentifier("USERS_EMAIL_COLUMN", emailColumn);
            requireIdentifier("USERS_PASSWORD_COLUMN", passwordColumn);
            nameColumn.ifPresent(c -> requireIdentifier("USERS_NAME_COLUMN", c));
            localeColumn.ifPresent(c -> requireIdentifier("USERS_LOCALE_COLUMN", c));
            enabledColumn.ifPresent(c -> requireIdentifier("USERS_ENABLED_COLUMN", c));
            passwordChangedColumn.ifPresent(c -> requireIdentifier("USERS_PASSWORD_CHANGED_COLUMN", c));
        }
    }

    private static void requireIdentifier(String setting, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(setting + " must be a plain SQL name (letters, digits, _), was '" + value + "'");
        }
    }

    /** The accounts as this configuration says. */
    public static AccountTable from(Config config) {
        return new AccountTable(
                config.getOptionalValue("users.table", String.class).map(String::strip).filter(t -> !t.isEmpty()),
                config.getValue("users.id-column", String.class).strip(),
                config.getValue("users.email-column", String.class).strip(),
                config.getValue("users.password-column", String.class).strip(),
                config.getOptionalValue("users.name-column", String.class).map(String::strip),
                config.getOptionalValue("users.locale-column", String.class).map(String::strip),
                config.getOptionalValue("users.enabled-column", String.class).map(String::strip),
                config.getValue("users.enabled-value", String.class).strip(),
                config.getOptionalValue("users.password-changed-column", String.class).map(String::strip));
    }

    /** Whether the accounts are a host site's table. */
    public boolean isHosts() {
        return table.isPresent();
    }

    /**
     * What the enabled column is compared with: a whole number where the setting is one, or a boolean word (MariaDB's
     * and MySQL's BOOLEAN is TINYINT(1), so {@code true} is 1), otherwise the text itself.
     */
    public Object enabledLiteral() {
        String v = enabledValue.strip();
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> 1;
            case "false" -> 0;
            default -> v.matches("-?\\d{1,9}") ? Integer.valueOf(v) : v;
        };
    }
}
