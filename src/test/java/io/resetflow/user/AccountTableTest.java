package io.resetflow.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountTableTest {

    private static AccountTable table(String table, String email, Optional<String> enabled, String enabledValue) {
        return new AccountTable(Optional.ofNullable(table), "id", email, "password", Optional.empty(), Optional.empty(), enabled,
                enabledValue, Optional.empty());
    }

    @Test
    void unsetMeansTheProductsOwnTable() {
        assertThat(table(null, "email", Optional.empty(), "1").isHosts()).isFalse();
        assertThat(table("auth_user", "email", Optional.empty(), "1").isHosts()).isTrue();
        assertThat(table("shop.users", "email", Optional.empty(), "1").isHosts()).isTrue();
    }

    @Test
    void namesThatCouldCarrySqlAreRefusedWithTheSetting() {
        assertThatThrownBy(() -> table("users; DROP TABLE users", "email", Optional.empty(), "1")).hasMessageContaining("USERS_TABLE");
        assertThatThrownBy(() -> table("a.b.c", "email", Optional.empty(), "1")).hasMessageContaining("USERS_TABLE");
        assertThatThrownBy(() -> table("users", "e`mail", Optional.empty(), "1")).hasMessageContaining("USERS_EMAIL_COLUMN");
        assertThatThrownBy(() -> table("users", "email", Optional.of("is active"), "1")).hasMessageContaining("USERS_ENABLED_COLUMN");
    }

    @Test
    void theEnabledValueIsComparedAsANumberWhereItIsOneOrABooleanWord() {
        assertThat(table("auth_user", "email", Optional.of("is_active"), "1").enabledLiteral()).isEqualTo(1);
        assertThat(table("auth_user", "email", Optional.of("is_active"), "true").enabledLiteral()).isEqualTo(1);
        assertThat(table("users", "email", Optional.of("disabled"), "FALSE").enabledLiteral()).isEqualTo(0);
        assertThat(table("users", "email", Optional.of("status"), " active ").enabledLiteral()).isEqualTo("active");
    }
}
