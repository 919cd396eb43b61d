package io.resetflow.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemaMigrationTest {

    @Test
    void mysqlAndMariaDbGetBinaryCollationAndMicrosecondDatetimes() {
        for (String product : new String[] {"MySQL", "MariaDB"}) {
            assertThat(SchemaMigration.placeholdersFor(product))
                    .containsEntry("timestamp", "DATETIME(6)")
                    .hasEntrySatisfying("table_options", v -> assertThat(v).contains("utf8mb4_bin"));
        }
    }

    @Test
    void h2GetsPlainTimestamps() {
        assertThat(SchemaMigration.placeholdersFor("H2")).containsEntry("timestamp", "TIMESTAMP(6)").containsEntry("table_options", "");
    }
}
