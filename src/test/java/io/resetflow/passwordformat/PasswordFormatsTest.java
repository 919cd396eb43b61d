package io.resetflow.passwordformat;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.crypto.scrypt.SCryptPasswordEncoder;

/**
 * Every format sign-in reads, checked against values other software made: published test vectors where the format
 * has them, and otherwise values made by the format's own implementation (named on each row), for an ASCII and a
 * non-ASCII password. Each value must match its password and no other.
 */
class PasswordFormatsTest {

    private static final String UNICODE = "pässwörd 世界";

    private final PasswordFormats formats = formats(new SpringPbkdf2("PBKDF2WithHmacSHA256", 310_000, ""));

    static PasswordFormats formats(SpringPbkdf2 springPbkdf2) {
        return new PasswordFormats(new Argon2idPasswordHash(), new JakartaPbkdf2(NO_CONTAINER_PBKDF2), springPbkdf2);
    }

    /** The container's PBKDF2 is checked by the server tests; here no value of its format may match. */
    static final Pbkdf2PasswordHash NO_CONTAINER_PBKDF2 = new Pbkdf2PasswordHash() {
        @Override
        public void initialize(Map<String, String> parameters) {
        }

        @Override
        public String generate(char[] password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean verify(char[] password, String hashedPassword) {
            return false;
        }
    };

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            argon2 | password          | $argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG | Argon2 reference implementation's README
            argon2 | password          | $argon2i$v=16$m=256,t=2,p=1$c29tZXNhbHQ$/U3YPXYsSb3q9XxHvc0MLxur+GP960kN9j7emXX8zwY | argon2-cffi 21 (Debian 12), version 1.0
            argon2 | pässwörd 世界      | $argon2id$v=19$m=1024,t=2,p=2$c2FsdHNhbHRzYWx0c2FsdA$uu7hbJ6Blo8l/hXbt5kC9SMnxoG6G/tmc4hh+wblP+U | argon2-cffi 21 (Debian 12)
            bcrypt | U*U               | $2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW | crypt_blowfish's published vectors
            bcrypt | U*U*              | $2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK | crypt_blowfish's published vectors
            bcrypt | pässwörd 世界      | $2y$05$3Gjx7fbn6WyzMpPFoupybeLm8q2fqOwFrCtxeBlGla4A.QhqtlDYW | PHP 8.2 password_hash (Debian 12)
            bcrypt | pässwörd 世界      | $2b$06$RR23q4U3WdxwBctRSjsSser2bK4joc1FxRM7VantozeJCdHOEEdlW | Python bcrypt 3.2 (Debian 12)
            django-pbkdf2-sha256 | lètmein | pbkdf2_sha256$260000$seasalt$YlZ2Vggtqdc61YjArZuoApoBh9JNGYoDRBUGu6tcJQo= | Django 3.2's own hasher test
            django-pbkdf2-sha256 | pässwörd 世界 | pbkdf2_sha256$20000$Zk3sQ9xVb2LwTqR1aPn7Ue$D7RWDC+/vX/KPIFEQKupKy1F1o52CLhq9gawL9nHuSc= | Django 3.2 (Debian 12)
            phpass | test12345         | $P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0 | PHPass's published test
            phpass | pässwörd 世界      | $H$6476nvUCmGyTaWJkpAfNDHgTtn8lg.. | passlib 1.7 (Debian 12), phpBB form
            """)
    void readsValuesOtherSoftwareMade(String format, String password, String stored, String madeBy) {
        assertThat(formats.find(stored)).as(madeBy).get().extracting(PasswordFormat::name).isEqualTo(format);
        assertThat(formats.find(stored).orElseThrow().matches(password.toCharArray(), stored)).as(madeBy).isTrue();
        assertThat(formats.find(stored).orElseThrow().matches((password + "!").toCharArray(), stored)).as(madeBy).isFalse();
        assertThat(formats.find(stored).orElseThrow().matches(password.substring(1).toCharArray(), stored)).as(madeBy).isFalse();
    }

    @Test
    void readsEverySpringSecurityEncodingThatSpringSecurityMakes() {
        PasswordEncoder delegating = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        for (String password : new String[] {"correct horse battery staple", UNICODE}) {
            for (String stored : new String[] {
                    delegating.encode(password),
                    "{bcrypt}" + new BCryptPasswordEncoder(BCryptPasswordEncoder.BCryptVersion.$2Y, 6).encode(password),
                    "{argon2}" + Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(password),
                    "{pbkdf2}" + Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(password),
                    "{scrypt}" + new SCryptPasswordEncoder(1 << 12, 8, 1, 32, 16).encode(password),
                    // A bare value, as a Spring site with only one encoder stores it.
                    new BCryptPasswordEncoder(6).encode(password)}) {
                assertThat(formats.find(stored)).as(stored).isPresent();
                assertThat(formats.find(stored).orElseThrow().matches(password.toCharArray(), stored)).as(stored).isTrue();
                assertThat(formats.find(stored).orElseThrow().matches("wrong password".toCharArray(), stored)).as(stored).isFalse();
            }
        }
    }

    @Test
    void springPbkdf2IsReadWithTheHostsSettingsWhichTheValueDoesNotName() {
        String stored = new Pbkdf2PasswordEncoder("pepper", 16, 20_000, Pbkdf2PasswordEncoder.SecretKeyFactoryAlgorithm.PBKDF2WithHmacSHA512)
                .encode(UNICODE);

        assertThat(formats(new SpringPbkdf2("PBKDF2WithHmacSHA512", 20_000, "pepper")).find("{pbkdf2}" + stored).orElseThrow()
                .matches(UNICODE.toCharArray(), "{pbkdf2}" + stored)).isTrue();
        assertThat(formats.find("{pbkdf2}" + stored).map(f -> f.matches(UNICODE.toCharArray(), "{pbkdf2}" + stored)).orElse(false))
                .as("other settings").isFalse();
    }

    @Test
    void valuesNoFormatReadsAreNamedInLogsByTheirShapeOnly() {
        for (String stored : new String[] {"{noop}secret", "{sha256}abc", "$1$salt$hash", "$5$rounds=5000$salt$hash",
                "sha1$salt$hash", "md5$salt$hash", "plain text password", "letmein$123", ""}) {
            assertThat(formats.find(stored)).as(stored).isEmpty();
        }
        assertThat(PasswordFormats.shape("{noop}secret")).isEqualTo("{noop}");
        assertThat(PasswordFormats.shape("$1$salt$hash")).isEqualTo("$1$");
        assertThat(PasswordFormats.shape("sha1$salt$hash")).isEqualTo("sha1$");
        assertThat(PasswordFormats.shape("letmein$123")).as("never the start of a password in clear").isEqualTo("unrecognised");
        assertThat(PasswordFormats.shape("plain text password")).isEqualTo("unrecognised");
        assertThat(PasswordFormats.shape(null)).isEqualTo("unrecognised");
    }

    @Test
    void valuesAskingForAbsurdWorkAreRefusedNotComputed() {
        String bcrypt31 = "$2y$31$3Gjx7fbn6WyzMpPFoupybeLm8q2fqOwFrCtxeBlGla4A.QhqtlDYW";
        String django = "pbkdf2_sha256$999999999$seasalt$YlZ2Vggtqdc61YjArZuoApoBh9JNGYoDRBUGu6tcJQo=";
        String scrypt = "{scrypt}$180801$c2FsdHNhbHRzYWx0c2FsdA==$YlZ2Vggtqdc61YjArZuoApoBh9JNGYoDRBUGu6tcJQo=";
        for (String stored : new String[] {bcrypt31, django, scrypt}) {
            assertThat(formats.find(stored)).as(stored).isPresent();
            assertThat(formats.find(stored).orElseThrow().matches("x".toCharArray(), stored)).as(stored).isFalse();
        }
    }

    @Test
    void malformedValuesOfEveryFormatNeverMatch() {
        for (String stored : new String[] {"$2y$05$short", "$2y$xx$3Gjx7fbn6WyzMpPFoupybeLm8q2fqOwFrCtxeBlGla4A.QhqtlDYW",
                "pbkdf2_sha256$260000$seasalt$notbase64", "pbkdf2_sha256$x$seasalt$YlZ2Vggtqdc61YjArZuoApoBh9JNGYoDRBUGu6tcJQo=",
                "$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r", "$P$!IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0", "{scrypt}$zz$a$b", "{scrypt}$e0801$!!$??",
                "{argon2}$argon2id$v=19$m=1", "{bcrypt}", "{pbkdf2}not-hex"}) {
            assertThat(formats.find(stored).map(f -> f.matches("test12345".toCharArray(), stored)).orElse(false)).as(stored).isFalse();
        }
    }

    @Test
    void costKeysTellParametersApartAndNeverHoldSaltOrHash() {
        assertThat(new Bcrypt().costKey("$2y$05$3Gjx7fbn6WyzMpPFoupybeLm8q2fqOwFrCtxeBlGla4A.QhqtlDYW")).isEqualTo("bcrypt/5");
        assertThat(new DjangoPbkdf2Sha256().costKey("pbkdf2_sha256$260000$seasalt$YlZ2Vggtqdc61YjArZuoApoBh9JNGYoDRBUGu6tcJQo="))
                .isEqualTo("django-pbkdf2-sha256/260000");
        assertThat(new Phpass().costKey("$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0")).isEqualTo("phpass/9");
        String spring = "{bcrypt}$2a$10$3Gjx7fbn6WyzMpPFoupybeLm8q2fqOwFrCtxeBlGla4A.QhqtlDYW";
        assertThat(formats.find(spring).orElseThrow().costKey(spring)).isEqualTo("{bcrypt/10}");
    }
}
