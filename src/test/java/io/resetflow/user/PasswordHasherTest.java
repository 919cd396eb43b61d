package io.resetflow.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resetflow.passwordformat.Argon2idPasswordHash;
import io.resetflow.testing.LogCapture;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class PasswordHasherTest {

    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();
    private static final String UNICODE = "pässwörd 世界 — ünïcödé";

    /** A hasher with the shipped settings, except the costs (kept low so the test is quick). */
    static PasswordHasher hasher(String writeFormat, Pbkdf2PasswordHash pbkdf2) {
        PasswordHasher hasher = new PasswordHasher();
        hasher.argon2id = new Argon2idPasswordHash();
        hasher.pbkdf2 = pbkdf2;
        hasher.writeFormatSetting = writeFormat;
        hasher.argon2idMemoryKib = 1024;
        hasher.argon2idIterations = 2;
        hasher.argon2idParallelism = 1;
        hasher.pbkdf2Algorithm = "PBKDF2WithHmacSHA256";
        hasher.pbkdf2Iterations = 600_000;
        hasher.saltBytes = 32;
        hasher.keyBytes = 32;
        hasher.bcryptVersion = "2y";
        hasher.bcryptCost = 10;
        hasher.djangoIterations = 100_000;
        hasher.springPbkdf2Algorithm = "PBKDF2WithHmacSHA256";
        hasher.springPbkdf2Iterations = 310_000;
        hasher.springPbkdf2Secret = Optional.empty();
        hasher.configure();
        return hasher;
    }

    /** Stands in for the container's PBKDF2 where only the stored format matters. */
    static final Pbkdf2PasswordHash FORMAT_ONLY_PBKDF2 = new Pbkdf2PasswordHash() {
        @Override
        public void initialize(Map<String, String> parameters) {
        }

        @Override
        public String generate(char[] password) {
            return pbkdf2("PBKDF2WithHmacSHA256", 600_000, 32, 32);
        }

        @Override
        public boolean verify(char[] password, String hashedPassword) {
            return false;
        }
    };

    static String pbkdf2(String algorithm, int iterations, int saltBytes, int keyBytes) {
        Base64.Encoder b64 = Base64.getEncoder();
        return algorithm + ":" + iterations + ":" + b64.encodeToString(new byte[saltBytes]) + ":" + b64.encodeToString(new byte[keyBytes]);
    }

    private final PasswordHasher argon2idHasher = hasher("argon2id", FORMAT_ONLY_PBKDF2);
    private final PasswordHasher pbkdf2Hasher = hasher("pbkdf2", FORMAT_ONLY_PBKDF2);

    @Test
    void newHashesAreArgon2idByDefaultAndVerify() {
        String stored = argon2idHasher.hash(PASSWORD);
        assertThat(stored).startsWith("$argon2id$v=19$m=1024,t=2,p=1$");
        assertThat(argon2idHasher.verify(PASSWORD, stored)).isTrue();
        assertThat(argon2idHasher.verify("wrong".toCharArray(), stored)).isFalse();
        assertThat(argon2idHasher.needsRehash(stored)).isFalse();
    }

    @Test
    void anArgon2idHashWithTheConfiguredCostOrMoreStays() {
        assertThat(argon2idHasher.needsRehash(argon2id(1024, 2, 32, 32))).isFalse();
        assertThat(argon2idHasher.needsRehash(argon2id(4096, 3, 32, 32))).isFalse();
    }

    @Test
    void weakerArgon2idHashesAndHashesOfOtherFormatsAreReplacedWhenArgon2idIsConfigured() {
        assertThat(argon2idHasher.needsRehash(argon2id(512, 2, 32, 32))).as("less memory").isTrue();
        assertThat(argon2idHasher.needsRehash(argon2id(1024, 1, 32, 32))).as("fewer passes").isTrue();
        assertThat(argon2idHasher.needsRehash(argon2id(1024, 2, 16, 32))).as("short salt").isTrue();
        assertThat(argon2idHasher.needsRehash(argon2id(1024, 2, 32, 16))).as("short hash").isTrue();
        assertThat(argon2idHasher.needsRehash(argon2id(1024, 2, 32, 32).replace("$argon2id$", "$argon2i$"))).as("Argon2i").isTrue();
        assertThat(argon2idHasher.needsRehash(argon2id(1024, 2, 32, 32).replace("v=19", "v=16"))).as("version 1.0").isTrue();
        assertThat(argon2idHasher.needsRehash(pbkdf2("PBKDF2WithHmacSHA256", 600_000, 32, 32))).as("other format").isTrue();
        assertThat(argon2idHasher.needsRehash("$2y$12$3Gjx7fbn6WyzMpPFoupybeLm8q2fqOwFrCtxeBlGla4A.QhqtlDYW")).as("bcrypt").isTrue();
        assertThat(argon2idHasher.needsRehash("{argon2}" + argon2id(1024, 2, 32, 32))).as("Spring's prefix").isTrue();
        assertThat(argon2idHasher.needsRehash("$argon2id$garbage")).isTrue();
    }

    @Test
    void withPbkdf2ConfiguredThePbkdf2RulesApplyAndArgon2idHashesAreReplaced() {
        assertThat(pbkdf2Hasher.hash(PASSWORD)).startsWith("PBKDF2WithHmacSHA256:600000:");
        assertThat(pbkdf2Hasher.needsRehash(pbkdf2("PBKDF2WithHmacSHA256", 600_000, 32, 32))).isFalse();
        assertThat(pbkdf2Hasher.needsRehash(pbkdf2("PBKDF2WithHmacSHA256", 1_000_000, 32, 32))).isFalse();
        assertThat(pbkdf2Hasher.needsRehash(pbkdf2("PBKDF2WithHmacSHA256", 2048, 32, 32))).as("container default iterations").isTrue();
        assertThat(pbkdf2Hasher.needsRehash(pbkdf2("PBKDF2WithHmacSHA256", 600_000, 16, 32))).as("short salt").isTrue();
        assertThat(pbkdf2Hasher.needsRehash(pbkdf2("PBKDF2WithHmacSHA256", 600_000, 32, 16))).as("short key").isTrue();
        assertThat(pbkdf2Hasher.needsRehash(pbkdf2("PBKDF2WithHmacSHA1", 600_000, 32, 32))).as("other variant").isTrue();
        assertThat(pbkdf2Hasher.needsRehash(argon2id(1024, 2, 32, 32))).as("other format").isTrue();
        assertThat(pbkdf2Hasher.needsRehash("not-a-hash")).isTrue();
    }

    @Test
    void aStoredArgon2idHashStillVerifiesWhenPbkdf2IsConfigured() {
        String stored = argon2idHasher.hash(PASSWORD);
        assertThat(pbkdf2Hasher.verify(PASSWORD, stored)).isTrue();
    }

    @Test
    void whatEachWriteFormatWritesIsAcceptedByTheHostsOwnVerifier() throws Exception {
        PasswordEncoder spring = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        for (String password : new String[] {new String(PASSWORD), UNICODE}) {
            char[] chars = password.toCharArray();

            String argon2id = hasher("argon2id", FORMAT_ONLY_PBKDF2).hash(chars);
            assertThat(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().matches(password, argon2id)).as(argon2id).isTrue();

            String bcrypt = hasher("bcrypt", FORMAT_ONLY_PBKDF2).hash(chars);
            assertThat(bcrypt).startsWith("$2y$10$");
            assertThat(new BCryptPasswordEncoder().matches(password, bcrypt)).as(bcrypt).isTrue();
            assertThat(new BCryptPasswordEncoder().matches(password + "!", bcrypt)).as(bcrypt).isFalse();

            String springArgon2 = hasher("spring-argon2", FORMAT_ONLY_PBKDF2).hash(chars);
            assertThat(springArgon2).startsWith("{argon2}$argon2id$v=19$");
            assertThat(spring.matches(password, springArgon2)).as(springArgon2).isTrue();

            String springBcrypt = hasher("spring-bcrypt", FORMAT_ONLY_PBKDF2).hash(chars);
            assertThat(springBcrypt).startsWith("{bcrypt}$2a$10$");
            assertThat(spring.matches(password, springBcrypt)).as(springBcrypt).isTrue();
            assertThat(spring.matches(password + "!", springBcrypt)).as(springBcrypt).isFalse();

            String django = hasher("django-pbkdf2-sha256", FORMAT_ONLY_PBKDF2).hash(chars);
            assertThat(django).matches("pbkdf2_sha256\\$100000\\$[A-Za-z0-9]{22}\\$[A-Za-z0-9+/]{43}=");
            assertThat(djangoCheckedByTheJdk(password, django)).as(django).isTrue();
            assertThat(djangoCheckedByTheJdk(password + "!", django)).as(django).isFalse();
            assertThat(djangoCheckedByPython(password, django)).as(django).isTrue();
        }
    }

    @Test
    void eachWriteFormatReadsWhatItWroteAndKeepsItUntilItsSettingsRise() {
        for (String format : new String[] {"argon2id", "bcrypt", "django-pbkdf2-sha256", "spring-argon2", "spring-bcrypt"}) {
            PasswordHasher hasher = hasher(format, FORMAT_ONLY_PBKDF2);
            String stored = hasher.hash(PASSWORD);
            assertThat(hasher.verify(PASSWORD, stored)).as(format).isTrue();
            assertThat(hasher.verify("wrong".toCharArray(), stored)).as(format).isFalse();
            assertThat(hasher.needsRehash(stored)).as(format).isFalse();
            assertThat(hasher.needsRehash(argon2idHasher.hash(PASSWORD))).as(format).isEqualTo(!format.equals("argon2id"));
        }
        PasswordHasher bcrypt = hasher("bcrypt", FORMAT_ONLY_PBKDF2);
        bcrypt.bcryptCost = 11;
        assertThat(bcrypt.needsRehash("$2y$10$3Gjx7fbn6WyzMpPFoupybeLm8q2fqOwFrCtxeBlGla4A.QhqtlDYW")).as("lower cost").isTrue();
        assertThat(bcrypt.needsRehash("$2b$12$3Gjx7fbn6WyzMpPFoupybeLm8q2fqOwFrCtxeBlGla4A.QhqtlDYW")).as("any version, cost enough").isFalse();
        PasswordHasher django = hasher("django-pbkdf2-sha256", FORMAT_ONLY_PBKDF2);
        assertThat(django.needsRehash("pbkdf2_sha256$20000$seasalt$YlZ2Vggtqdc61YjArZuoApoBh9JNGYoDRBUGu6tcJQo=")).as("fewer iterations").isTrue();
    }

    @Test
    void bcryptWriteFormatsTellThePolicyThat72BytesIsTheMost() {
        assertThat(hasher("bcrypt", FORMAT_ONLY_PBKDF2).maxPasswordBytes()).hasValue(72);
        assertThat(hasher("spring-bcrypt", FORMAT_ONLY_PBKDF2).maxPasswordBytes()).hasValue(72);
        assertThat(argon2idHasher.maxPasswordBytes()).isEmpty();
        assertThatThrownBy(() -> hasher("bcrypt", FORMAT_ONLY_PBKDF2).hash("é".repeat(37).toCharArray()))
                .as("74 bytes are never cut silently").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedStoredValuesNeverMatch() {
        assertThat(argon2idHasher.verify(PASSWORD, "not-a-hash")).isFalse();
        assertThat(argon2idHasher.verify(PASSWORD, "PBKDF2WithHmacSHA256:x:AAAA:AAAA")).isFalse();
        assertThat(argon2idHasher.verify(PASSWORD, "$argon2id$v=19$m=1024")).isFalse();
    }

    @Test
    void aFormatNoSignInReadsFailsAndIsLoggedOncePerFormatByItsShapeOnly() {
        List<String> warnings;
        try (LogCapture log = LogCapture.warningsOf(PasswordHasher.class)) {
            assertThat(argon2idHasher.verify(PASSWORD, "{noop}correct horse battery staple")).isFalse();
            assertThat(argon2idHasher.verify(PASSWORD, "{noop}another password in clear")).isFalse();
            assertThat(argon2idHasher.verify(PASSWORD, "$1$saltsalt$hashhashhashhashhash")).isFalse();
            assertThat(argon2idHasher.verify(PASSWORD, "correct horse battery staple")).isFalse();
            warnings = log.warnings();
        }
        assertThat(warnings).hasSize(3);
        assertThat(warnings.get(0)).contains("{noop}").doesNotContain("correct horse");
        assertThat(warnings.get(1)).contains("$1$").doesNotContain("saltsalt");
        assertThat(warnings.get(2)).contains("unrecognised").doesNotContain("correct horse");
    }

    @Test
    void aFailureIsHeldAsLongAsTheCostliestCheckWhateverTheFormatItMet() {
        PasswordHasher hasher = hasher("argon2id", FORMAT_ONLY_PBKDF2);
        List<Long> held = new ArrayList<>();
        long[] now = {0};
        hasher.floor = new FailureFloor(() -> now[0], held::add);
        String bcrypt = "$2y$10$3Gjx7fbn6WyzMpPFoupybeLm8q2fqOwFrCtxeBlGla4A.QhqtlDYW";
        hasher.learnCosts(List.of(bcrypt, hasher.hash(PASSWORD), "{noop}in clear"));
        long floor = hasher.floor.floorNanos();

        // A bcrypt at cost 10 takes tens of milliseconds; Argon2id at 1 MiB about one.
        assertThat(floor).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(5));
        // Each failure began 1 ms before it is held (on the fake clock): it waits the rest of the bcrypt's time.
        now[0] = TimeUnit.MILLISECONDS.toNanos(1);
        hasher.verifyAgainstDecoy(PASSWORD);
        hasher.evenOutFailure(0);
        hasher.verify(PASSWORD, "{noop}in clear");
        hasher.evenOutFailure(0);
        hasher.verify(PASSWORD, hasher.hash("other".toCharArray()));
        hasher.evenOutFailure(0);

        assertThat(hasher.floor.floorNanos()).as("the cheaper checks left the floor where bcrypt put it").isEqualTo(floor);
        assertThat(held).as("unknown address, unread format, cheaper hash").containsExactly(floor - now[0], floor - now[0], floor - now[0]);
    }

    @Test
    void anUnknownWriteFormatIsRefusedAtStart() {
        assertThatThrownBy(() -> hasher("md5", FORMAT_ONLY_PBKDF2)).hasMessageContaining("argon2id, pbkdf2, bcrypt, django-pbkdf2-sha256");
    }

    private static boolean djangoCheckedByTheJdk(String password, String stored) throws Exception {
        String[] parts = stored.split("\\$");
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(new PBEKeySpec(password.toCharArray(),
                parts[2].getBytes(StandardCharsets.UTF_8), Integer.parseInt(parts[1]), 256)).getEncoded();
        return Base64.getEncoder().encodeToString(key).equals(parts[3]);
    }

    /** A second opinion: Python's hashlib, as Django's hasher calls it, where a Python 3 is installed. */
    private static boolean djangoCheckedByPython(String password, String stored) throws Exception {
        Optional<Path> python = java.util.stream.Stream.of("/usr/bin/python3", "/usr/local/bin/python3").map(Path::of).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(python.isPresent(), "no python3 for a second opinion");
        Process process = new ProcessBuilder(python.get().toString(), "-c", """
                import base64, hashlib, hmac, sys
                algorithm, iterations, salt, expected = sys.argv[2].split('$')
                password = base64.b64decode(sys.argv[1])
                key = hashlib.pbkdf2_hmac('sha256', password, salt.encode(), int(iterations))
                print(hmac.compare_digest(base64.b64encode(key).decode(), expected))
                """, Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)), stored).redirectErrorStream(true).start();
        String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as(answer).isZero();
        return Boolean.parseBoolean(answer.toLowerCase(java.util.Locale.ROOT));
    }

    private static String argon2id(int memoryKib, int passes, int saltBytes, int hashBytes) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + passes + ",p=1$" + b64.encodeToString(new byte[saltBytes])
                + "$" + b64.encodeToString(new byte[hashBytes]);
    }
}
