package io.resetflow.user;

import io.resetflow.schema.OwnTables;
import java.util.List;
import java.util.Vector;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.descriptors.changetracking.DeferredChangeDetectionPolicy;
import org.eclipse.persistence.expressions.ExpressionBuilder;
import org.eclipse.persistence.mappings.DirectToFieldMapping;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;

/**
 * Maps the product's entities onto its prefixed tables ({@link OwnTables}), and the {@link User} entity onto a host site's table when USERS_TABLE is set, as the persistence unit deploys
 * ({@code eclipselink.session.customizer} in persistence.xml): one entity either way, its table and columns renamed.
 * The address is read from the host's column twice (as typed, and for look-ups, which compare under the column's
 * collation); only the password hash, and the password-changed column if there is one, are ever written. What the
 * host's table has no column for (session version, creation time, and name or language if not named) is not
 * mapped: the product keeps no sessions of its own beside a host. Where an enabled column is named, every query for
 * accounts reads only the enabled ones.
 */
public class AccountTableMapping implements SessionCustomizer {

    private static final Logger LOG = Logger.getLogger(AccountTableMapping.class.getName());

    @Override
    public void customize(Session session) {
        OwnTables.prefixEntities(session);
        AccountTable accounts = AccountTable.from(ConfigProvider.getConfig(AccountTableMapping.class.getClassLoader()));
        if (!accounts.isHosts()) {
            return;
        }
        ClassDescriptor descriptor = session.getDescriptor(User.class);
        descriptor.setTableName(accounts.table().orElseThrow());
        descriptor.setPrimaryKeyFieldNames(new Vector<>(List.of(accounts.idColumn())));
        descriptor.setSequenceNumberFieldName(accounts.idColumn());

        column(descriptor, "id", accounts.idColumn());
        column(descriptor, "email", accounts.emailColumn()).readOnly();
        column(descriptor, "canonicalEmail", accounts.emailColumn()).readOnly();
        column(descriptor, "passwordHash", accounts.passwordColumn());
        accounts.nameColumn().ifPresentOrElse(name -> column(descriptor, "displayName", name).readOnly(),
                () -> descriptor.removeMappingForAttributeName("displayName"));
        accounts.localeColumn().ifPresentOrElse(locale -> column(descriptor, "preferredLocale", locale).readOnly(),
                () -> descriptor.removeMappingForAttributeName("preferredLocale"));
        accounts.passwordChangedColumn().ifPresentOrElse(changed -> column(descriptor, "passwordChangedAt", changed),
                () -> descriptor.removeMappingForAttributeName("passwordChangedAt"));
        descriptor.removeMappingForAttributeName("sessionVersion");
        descriptor.removeMappingForAttributeName("createdAt");
        // Changes are found by comparing with what was read at commit, not by the woven setters' events, which
        // would also report the attributes no longer mapped.
        descriptor.setObjectChangePolicy(new DeferredChangeDetectionPolicy());
        // A disabled account is not read at all, by any query: it is as absent as an unknown address.
        accounts.enabledColumn().ifPresent(enabled -> descriptor.getQueryManager().setAdditionalJoinExpression(
                new ExpressionBuilder().getField(enabled).equal(accounts.enabledLiteral())));
        LOG.log(Level.INFO, "Accounts mapped onto {0}", accounts.table().orElseThrow());
    }

    private static DirectToFieldMapping column(ClassDescriptor descriptor, String attribute, String column) {
        DirectToFieldMapping mapping = (DirectToFieldMapping) descriptor.getMappingForAttributeName(attribute);
        mapping.setFieldName(column);
        return mapping;
    }
}
