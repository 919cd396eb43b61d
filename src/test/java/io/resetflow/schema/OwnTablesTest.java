package io.resetflow.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The prefix of the product's tables: the shipped one, and what a start refuses. */
class OwnTablesTest {

    @Test
    void theShippedPrefixNamesEveryTable() {
        assertThat(OwnTables.PREFIX_VALUE).isEqualTo("resetflow_");
        assertThat(OwnTables.MAIL_OUTBOX).isEqualTo("resetflow_mail_outbox");
        assertThat(OwnTables.SCHEMA_HISTORY).isEqualTo("resetflow_schema_history");
        assertThat(OwnTables.named("app_user")).isEqualTo("resetflow_app_user");
        assertThatThrownBy(() -> OwnTables.named("users")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPrefixIsLowerCaseLettersDigitsAndUnderscoresEndingWithOne() {
        for (String usable : new String[] {"resetflow_", "rf_", "pw_reset_2_"}) {
            assertThatCode(() -> OwnTables.check(usable)).as(usable).doesNotThrowAnyException();
        }
        for (String unusable : new String[] {"", "_", "rf", "RF_", "rf-", "1rf_", "rf;drop_", "rf `x`_", "a".repeat(32) + "_"}) {
            assertThatThrownBy(() -> OwnTables.check(unusable)).as(unusable).hasMessageStartingWith("DB_TABLE_PREFIX (db.table-prefix)");
        }
    }
}
