package io.resetflow.user;

import io.resetflow.background.ApplicationStart;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;

/**
 * At start, where the accounts are a host's table: the named columns exist with types the product can use, or the
 * deployment stops with one line that names the setting; and the address look-up has an index and compares
 * without case, or the log says what the operator should do.
 */
@ApplicationScoped
public class AccountTableCheck {

    private static final Logger LOG = Logger.getLogger(AccountTableCheck.class.getName());
    private static final Set<Integer> TEXT = Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR,
            Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB);
    private static final Set<Integer> WHOLE_NUMBER = Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.NUMERIC,
            Types.DECIMAL);

    @Resource(lookup = "java:comp/env/jdbc/resetflow")
    DataSource dataSource;

    @Inject
    Config config;

    @Inject
    PasswordHasher hasher;

    /** One column as the database describes it. */
    record Column(int type, String typeName, int size) {
    }

    // After the schema migration (PLATFORM_BEFORE), before anything serves.
    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 10) ApplicationStart.Started started) {
        AccountTable accounts = AccountTable.from(config);
        if (!accounts.isHosts()) {
            return;
        }
        if (config.getOptionalValue("host.sign-in-url", String.class).map(String::strip).filter(u -> !u.isEmpty()).isEmpty()) {
            throw refusal("USERS_TABLE needs HOST_SIGN_IN_URL: beside a host's accounts the product serves forgot-password only,"
                    + " and people sign in on the host's page");
        }
        String table = accounts.table().orElseThrow();
        try (Connection c = dataSource.getConnection()) {
            Map<String, Column> columns = columns(c, table);
            if (columns.isEmpty()) {
                throw refusal("USERS_TABLE: the database has no table " + table);
            }
            require(columns, table, "USERS_ID_COLUMN", accounts.idColumn(), WHOLE_NUMBER, "a whole number");
            require(columns, table, "USERS_EMAIL_COLUMN", accounts.emailColumn(), TEXT, "text");
            require(columns, table, "USERS_PASSWORD_COLUMN", accounts.passwordColumn(), TEXT, "text");
            int longest = hasher.hash("a password to measure the column by".toCharArray()).length();
            if (columns.get(key(accounts.passwordColumn())).size() < longest) {
                throw refusal("USERS_PASSWORD_COLUMN: " + table + "." + accounts.passwordColumn() + " holds "
                        + columns.get(key(accounts.passwordColumn())).size() + " characters, and PASSWORD_WRITE_FORMAT="
                        + hasher.writeFormat().setting() + " writes " + longest);
            }
            accounts.nameColumn().ifPresent(name -> require(columns, table, "USERS_NAME_COLUMN", name, TEXT, "text"));
            accounts.localeColumn().ifPresent(locale -> require(columns, table, "USERS_LOCALE_COLUMN", locale, TEXT, "text"));
            accounts.enabledColumn().ifPresent(enabled -> require(columns, table, "USERS_ENABLED_COLUMN", enabled, null, null));
            accounts.passwordChangedColumn().ifPresent(changed -> require(columns, table, "USERS_PASSWORD_CHANGED_COLUMN", changed,
                    Set.of(Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE), "a date and time"));
            adviseOnLookUp(c, table, accounts.emailColumn());
            LOG.log(Level.INFO, "Accounts: {0} ({1} the address, {2} the password hash, written as {3})",
                    new Object[] {table, accounts.emailColumn(), accounts.passwordColumn(), hasher.writeFormat().setting()});
        } catch (SQLException e) {
            throw refusal("USERS_TABLE: cannot read the definition of " + table + ": " + e.getMessage());
        }
    }

    private static void require(Map<String, Column> columns, String table, String setting, String name, Set<Integer> types, String kind) {
        Column column = columns.get(key(name));
        if (column == null) {
            throw refusal(setting + ": " + table + " has no column " + name);
        }
        if (types != null && !types.contains(column.type())) {
            throw refusal(setting + ": " + table + "." + name + " is " + column.typeName() + ", not " + kind);
        }
    }

    /**
     * Look-ups compare the canonical (lower-case) address with the column under its collation: they find a row
     * whatever the case it was stored in only where the collation ignores case, and are fast only with an index.
     */
    private static void adviseOnLookUp(Connection c, String table, String emailColumn) throws SQLException {
        String[] names = split(c, table);
        boolean indexed = false;
        try (ResultSet indexes = c.getMetaData().getIndexInfo(names[0], names[1], names[2], false, true)) {
            while (indexes.next()) {
                indexed |= indexes.getShort("ORDINAL_POSITION") == 1 && emailColumn.equalsIgnoreCase(indexes.getString("COLUMN_NAME"));
            }
        }
        if (!indexed) {
            LOG.log(Level.WARNING, "Accounts: no index starts with {0}.{1}, so every forgot-password request reads the whole table;"
                    + " create one: CREATE INDEX resetflow_email ON {0} ({1})", new Object[] {table, emailColumn});
        }
        if (isMySql(c)) {
            try (PreparedStatement s = c.prepareStatement("SELECT COLLATION_NAME FROM information_schema.COLUMNS"
                    + " WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
                s.setString(1, names[0]);
                s.setString(2, names[2]);
                s.setString(3, emailColumn);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next() && r.getString(1) != null && !r.getString(1).endsWith("_ci")) {
                        LOG.log(Level.WARNING, "Accounts: {0}.{1} compares with collation {2}, which tells case apart: an address"
                                + " stored with capitals is found only if the person types it as stored; a *_ci collation finds it"
                                + " either way", new Object[] {table, emailColumn, r.getString(1)});
                    }
                }
            }
        }
    }

    private static Map<String, Column> columns(Connection c, String table) throws SQLException {
        String[] names = split(c, table);
        Map<String, Column> columns = new HashMap<>();
        try (ResultSet r = c.getMetaData().getColumns(names[0], names[1], names[2], null)) {
            while (r.next()) {
                columns.put(key(r.getString("COLUMN_NAME")), new Column(r.getInt("DATA_TYPE"), r.getString("TYPE_NAME"), r.getInt("COLUMN_SIZE")));
            }
        }
        return columns;
    }

    /**
     * Catalog, schema and table for the metadata calls: MySQL and MariaDB call a database a catalog, others a
     * schema; an unqualified table is in the connection's own.
     */
    private static String[] split(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        boolean catalogs = isMySql(c);
        int dot = table.indexOf('.');
        Optional<String> qualifier = dot < 0 ? Optional.empty() : Optional.of(table.substring(0, dot));
        String name = dot < 0 ? table : table.substring(dot + 1);
        if (catalogs) {
            return new String[] {qualifier.orElse(c.getCatalog()), null, name};
        }
        String schema = qualifier.orElse(c.getSchema());
        return new String[] {c.getCatalog(), schema, meta.storesUpperCaseIdentifiers() ? name.toUpperCase(Locale.ROOT) : name};
    }

    private static boolean isMySql(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        return product.contains("mysql") || product.contains("mariadb");
    }

    private static String key(String column) {
        return column.toLowerCase(Locale.ROOT);
    }

    /** Logged once, with the product's refusal line, where the start fails ({@link ApplicationStart}). */
    private static IllegalStateException refusal(String line) {
        return new IllegalStateException(ApplicationStart.REFUSAL + line);
    }
}
