package io.resetflow.auth;

import io.resetflow.background.Purge;
import io.resetflow.schema.OwnTables;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import javax.sql.DataSource;

/**
 * Ended sign-ins in the product's own database ({@code throttle.store=database}), read by every node on any server: a
 * row per sign-in id, until the end of its lifetime by the database's clock; rows past it are purged. Each statement
 * stands alone (auto-commit, outside any transaction of the caller's).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class DatabaseSignOuts implements SignOutStore, Purge {

    private static final String ENDED = OwnTables.ENDED_SIGN_IN;
    private static final String NOW = "CURRENT_TIMESTAMP(6)";

    @Resource(lookup = "java:comp/env/jdbc/resetflow")
    DataSource dataSource;

    @Inject
    ServletContext servletContext;

    /** How long a record is kept, in seconds: fixed by the session timeout, read once. */
    private long lifetimeSeconds;

    @PostConstruct
    void readLifetime() {
        lifetimeSeconds = EndedSignIns.lifetime(servletContext).toSeconds();
    }

    @Override
    public void add(String signInId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO " + ENDED + " (sign_in_id, ends_at)"
                     + " VALUES (?, TIMESTAMPADD(SECOND, ?, " + NOW + "))")) {
            insert.setString(1, signInId);
            insert.setLong(2, lifetimeSeconds);
            insert.executeUpdate();
            commit(connection);
        } catch (SQLIntegrityConstraintViolationException alreadyEnded) {
            // Signed out twice at once: the first record stands.
        } catch (SQLException e) {
            throw new IllegalStateException("Ended sign-ins: the database did not record a sign-out (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public boolean contains(String signInId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT 1 FROM " + ENDED
                     + " WHERE sign_in_id = ? AND ends_at > " + NOW)) {
            select.setString(1, signInId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Ended sign-ins: the database did not answer (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public String purged() {
        return "records of ended sign-ins";
    }

    @Override
    public int purge() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM " + ENDED + " WHERE ends_at <= " + NOW)) {
            int deleted = delete.executeUpdate();
            commit(connection);
            return deleted;
        } catch (SQLException e) {
            throw new IllegalStateException("Ended sign-ins: the database did not purge (" + e.getMessage() + ")", e);
        }
    }

    private static void commit(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }
}
