package io.resetflow.throttle;

import io.resetflow.background.Purge;
import io.resetflow.schema.OwnTables;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Arrays;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;

/**
 * Buckets in the product's own database ({@code throttle.store=database}), which every node of a cluster already
 * shares, on any server: a bucket is a row of {@code rate_bucket} (the limit, the first 128 bits of the subject's
 * keyed digest, its window's start by the database's clock, the tokens used). It counts as the other stores do: N
 * tokens, all back when the window has ended, the next window starting at the next attempt.
 * <p>
 * Every statement stands alone (auto-commit, outside any transaction of the caller's, which this bean suspends) and
 * touches one row, so a take holds one row lock for one statement and two takes can never deadlock. A take first
 * inserts the bucket's row holding one used token, which is all the first take of a bucket costs (the usual case: a
 * client's first attempt, an address asked for once); where the row exists, one conditional {@code UPDATE}, atomic
 * under the row's lock, takes a token only while one is left. Rows whose window ended are purged.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class DatabaseBuckets implements BucketStore, Purge {

    private static final String BUCKETS = OwnTables.RATE_BUCKET;
    private static final String NOW = "CURRENT_TIMESTAMP(6)";
    /** Whether a row's window has ended, the window (in seconds, negated) being the first parameter. */
    private static final String ENDED = "window_start <= TIMESTAMPADD(SECOND, ?, " + NOW + ")";
    private static final String ROW = "limit_name = ? AND bucket_key = ?";

    /** Bytes of the keyed digest kept as the key: the same 128 bits the node store keeps. */
    static final int KEY_BYTES = 16;

    @Resource(lookup = "java:comp/env/jdbc/resetflow")
    DataSource dataSource;

    @Inject
    Config config;

    private long windowSeconds;
    private Map<Limit, Integer> capacities;

    @PostConstruct
    void configure() {
        windowSeconds = Throttle.window(config).toSeconds();
        capacities = Throttle.capacities(config);
    }

    @Override
    public boolean take(Limit limit, byte[] key) {
        byte[] bucket = bucketKey(key);
        try {
            // Most buckets are new: a client's first attempt, an address asked for once. Their take is this one insert.
            return execute("INSERT INTO " + BUCKETS + " (limit_name, bucket_key, window_start, used) VALUES (?, ?, " + NOW + ", 1)",
                    limit.name(), bucket) == 1;
        } catch (SQLException e) {
            if (!isExistingKey(e)) {
                throw failed(e);
            }
        }
        return takeFromRow(limit, bucket);
    }

    /** One token from the bucket's row, if it exists and has one left (all of them, once its window has ended). */
    private boolean takeFromRow(Limit limit, byte[] bucket) {
        // MySQL assigns left to right: the window's start is still the old one when used is computed.
        return update("UPDATE " + BUCKETS + " SET used = CASE WHEN " + ENDED + " THEN 1 ELSE used + 1 END,"
                        + " window_start = CASE WHEN " + ENDED + " THEN " + NOW + " ELSE window_start END"
                        + " WHERE " + ROW + " AND (used < ? OR " + ENDED + ")",
                -windowSeconds, -windowSeconds, limit.name(), bucket, capacities.get(limit), -windowSeconds) == 1;
    }

    @Override
    public void giveBack(Limit limit, byte[] key) {
        // A bucket whose window has ended is full anyway.
        update("UPDATE " + BUCKETS + " SET used = used - 1 WHERE " + ROW + " AND used > 0 AND NOT " + ENDED,
                limit.name(), bucketKey(key), -windowSeconds);
    }

    @Override
    public void forget(Limit limit, byte[] key) {
        update("DELETE FROM " + BUCKETS + " WHERE " + ROW, limit.name(), bucketKey(key));
    }

    @Override
    public boolean answers() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM " + BUCKETS + " WHERE " + ROW)) {
            bind(statement, Limit.SIGN_IN_PER_CLIENT.name(), new byte[KEY_BYTES]);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public String purged() {
        return "rate-limit buckets that are full again";
    }

    /** Deletes the buckets whose window has ended: the next attempt finds them full, as it would a new one. */
    @Override
    public int purge() {
        return update("DELETE FROM " + BUCKETS + " WHERE " + ENDED, -windowSeconds);
    }

    private static byte[] bucketKey(byte[] digest) {
        return Arrays.copyOf(digest, KEY_BYTES);
    }

    /** Runs one statement on its own, returning the rows it changed; a failure is the store's not answering. */
    private int update(String sql, Object... parameters) {
        try {
            return execute(sql, parameters);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private int execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            int rows = statement.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return rows;
        }
    }

    /** A primary key that exists (SQL state class 23, integrity constraint violation). */
    private static boolean isExistingKey(SQLException e) {
        return e instanceof SQLIntegrityConstraintViolationException || (e.getSQLState() != null && e.getSQLState().startsWith("23"));
    }

    private static Throttle.StoreUnavailableException failed(SQLException e) {
        return new Throttle.StoreUnavailableException("Rate limits: the database did not take a count (" + e.getMessage() + ")", e);
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }
}
