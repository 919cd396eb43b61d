package io.resetflow.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.testing.Accounts;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.crypto.scrypt.SCryptPasswordEncoder;

/** Registration, sign-in and sign-out through the pages. */
@ExtendWith(ServerExtension.class)
class SignInIT {

    @Test
    void sessionIdChangesAtSignInSoAPlantedSessionGetsNothing(TestServer server) {
        String email = Accounts.register(server, "fixation");
        // Anonymous pages keep no session: an attacker who wants one to plant signs in to an account of their own.
        WebClient attacker = Accounts.signIn(server, Accounts.register(server, "fixation-attacker"), Accounts.PASSWORD);
        String planted = attacker.cookie("JSESSIONID").orElseThrow();
        WebClient victim = new WebClient(server);
        victim.plantCookie("JSESSIONID", planted);

        victim.submit(victim.get("/sign-in"), "sign-in", Map.of("email", email, "password", Accounts.PASSWORD));

        assertThat(victim.cookie("JSESSIONID")).isPresent().get().isNotEqualTo(planted);
        assertThat(Accounts.isSignedIn(victim)).isTrue();
    }

    @Test
    void signOutEndsTheSession(TestServer server) {
        String email = Accounts.register(server, "sign-out");
        WebClient web = Accounts.signIn(server, email, Accounts.PASSWORD);
        WebClient.Page account = web.get("/account");

        WebClient.Page after = web.submit(account, "sign-out", Map.of());

        assertThat(after.uri().getPath()).isEqualTo("/sign-in");
        assertThat(after.text()).contains("You have been signed out.");
        assertThat(Accounts.isSignedIn(web)).isFalse();
    }

    @Test
    void wrongPasswordAndUnknownAccountGetTheSameMessageAndNoAccess(TestServer server) {
        String email = Accounts.register(server, "wrong-password");
        WebClient wrongPassword = new WebClient(server);
        WebClient.Page first = wrongPassword.submit(wrongPassword.get("/sign-in"), "sign-in", Map.of("email", email, "password", "not the password at all"));
        WebClient unknown = new WebClient(server);
        WebClient.Page second = unknown.submit(unknown.get("/sign-in"), "sign-in",
                Map.of("email", Accounts.uniqueEmail("nobody"), "password", "not the password at all"));

        for (WebClient.Page page : new WebClient.Page[] {first, second}) {
            assertThat(page.uri().getPath()).isEqualTo("/sign-in");
            assertThat(page.text()).contains("That e-mail address and password do not match an account.");
        }
        assertThat(Accounts.isSignedIn(wrongPassword)).isFalse();
        assertThat(Accounts.isSignedIn(unknown)).isFalse();
    }

    @Test
    void formerSignInAddressRedirectsPermanentlyToTheSignInPage(TestServer server) {
        for (String former : new String[] {"/login", "/login.xhtml"}) {
            WebClient.Page answer = new WebClient(server).request("GET", former + "?session=ended");
            assertThat(answer.status()).as(former).isEqualTo(301);
            assertThat(answer.header("Location")).as(former).hasValue("/sign-in");
            assertThat(answer.header("Content-Security-Policy")).as(former).isPresent();
        }
    }

    @Test
    void protectedPageSendsVisitorsToSignIn(TestServer server) {
        WebClient web = new WebClient(server);
        WebClient.Page first = web.request("GET", "/account");
        assertThat(first.status()).isEqualTo(302);
        assertThat(web.get("/account").uri().getPath()).isEqualTo("/sign-in");
    }

    @Test
    void aPbkdf2HashFromBeforeArgon2idIsReplacedByAnArgon2idHashAtTheNextSignIn(TestServer server) throws Exception {
        assertReplacedAtTheNextSignIn(server, "rehash-pbkdf2", pbkdf2(Accounts.PASSWORD, 1_000));
    }

    @Test
    void anArgon2idHashWithLessMemoryThanConfiguredIsReplacedAtTheNextSignIn(TestServer server) throws Exception {
        assertReplacedAtTheNextSignIn(server, "rehash-argon2id", argon2id(Accounts.PASSWORD, 64, 1));
    }

    /**
     * A host site's hashes, each with the password it was made from: published vectors and values the host's own
     * software made (see PasswordFormatsTest), and Spring Security's encoders run here.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            PHP 8.2 password_hash, bcrypt $2y$           | pässwörd 世界 | $2y$05$3Gjx7fbn6WyzMpPFoupybeLm8q2fqOwFrCtxeBlGla4A.QhqtlDYW
            Python bcrypt, $2b$                          | pässwörd 世界 | $2b$06$RR23q4U3WdxwBctRSjsSser2bK4joc1FxRM7VantozeJCdHOEEdlW
            Django pbkdf2_sha256                         | pässwörd 世界 | pbkdf2_sha256$20000$Zk3sQ9xVb2LwTqR1aPn7Ue$D7RWDC+/vX/KPIFEQKupKy1F1o52CLhq9gawL9nHuSc=
            PHPass $P$ (WordPress)                       | test12345    | $P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0
            Argon2i version 1.0                          | password     | $argon2i$v=16$m=256,t=2,p=1$c29tZXNhbHQ$/U3YPXYsSb3q9XxHvc0MLxur+GP960kN9j7emXX8zwY
            """)
    void aHostSitesHashSignsInAndIsReplacedByTheWriteFormat(String madeBy, String password, String stored, TestServer server) throws Exception {
        assertReplacedAtTheNextSignIn(server, "host-hash", stored, password);
    }

    @Test
    void springSecurityValuesSignInAndAreReplacedByTheWriteFormat(TestServer server) throws Exception {
        for (String stored : new String[] {
                "{bcrypt}" + new BCryptPasswordEncoder(6).encode(Accounts.PASSWORD),
                "{argon2}" + new Argon2PasswordEncoder(16, 32, 1, 1024, 2).encode(Accounts.PASSWORD),
                "{pbkdf2}" + new Pbkdf2PasswordEncoder("", 16, TestServer.SPRING_PBKDF2_ITERATIONS,
                        Pbkdf2PasswordEncoder.SecretKeyFactoryAlgorithm.PBKDF2WithHmacSHA256).encode(Accounts.PASSWORD),
                "{scrypt}" + new SCryptPasswordEncoder(1 << 12, 8, 1, 32, 16).encode(Accounts.PASSWORD)}) {
            assertReplacedAtTheNextSignIn(server, "spring-hash", stored, Accounts.PASSWORD);
        }
    }

    @Test
    void aValueNoFormatReadsIsAFailedSignInWithOneWarningNamingItsShapeOnly(TestServer server) throws Exception {
        String email = Accounts.register(server, "noop-hash");
        String inClear = "{noop}" + Accounts.PASSWORD;
        server.database().update("UPDATE resetflow_app_user SET password_hash = ? WHERE canonical_email = ?", inClear, email);

        for (int attempt = 0; attempt < 2; attempt++) {
            WebClient web = new WebClient(server);
            WebClient.Page page = web.submit(web.get("/sign-in"), "sign-in", Map.of("email", email, "password", Accounts.PASSWORD));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.text()).contains("That e-mail address and password do not match an account.");
            assertThat(Accounts.isSignedIn(web)).isFalse();
        }

        String log = Files.readString(server.log());
        assertThat(log.split("Stored password format \\{noop} is not one sign-in reads", -1)).as("one warning").hasSize(2);
        assertThat(log).doesNotContain(Accounts.PASSWORD);
        assertThat(server.database().queryString("SELECT password_hash FROM resetflow_app_user WHERE canonical_email = ?", email)).isEqualTo(inClear);
    }

    private static void assertReplacedAtTheNextSignIn(TestServer server, String name, String older) throws Exception {
        assertReplacedAtTheNextSignIn(server, name, older, Accounts.PASSWORD);
    }

    private static void assertReplacedAtTheNextSignIn(TestServer server, String name, String older, String password) throws Exception {
        String email = Accounts.register(server, name);
        server.database().update("UPDATE resetflow_app_user SET password_hash = ? WHERE canonical_email = ?", older, email);

        assertThat(Accounts.isSignedIn(Accounts.signIn(server, email, password))).as(older).isTrue();

        try (Connection c = server.database().connect();
             PreparedStatement s = c.prepareStatement("SELECT password_hash, session_version FROM resetflow_app_user WHERE canonical_email = ?")) {
            s.setString(1, email);
            try (ResultSet row = s.executeQuery()) {
                row.next();
                assertThat(row.getString(1)).startsWith(TestServer.TEST_ARGON2ID_PREFIX).isNotEqualTo(older);
                assertThat(row.getInt(2)).as("same password: sessions stay").isZero();
            }
        }
        assertThat(Accounts.isSignedIn(Accounts.signIn(server, email, password))).isTrue();
        assertThat(Accounts.isSignedIn(Accounts.signIn(server, email, "not the password at all"))).isFalse();
    }

    /** A hash in the PHC format of Argon2id, made here with Bouncy Castle's generator directly. */
    private static String argon2id(String password, int memoryKib, int passes) {
        byte[] salt = new byte[16];
        new java.security.SecureRandom().nextBytes(salt);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib).withIterations(passes).withParallelism(1).withSalt(salt).build());
        byte[] hash = new byte[32];
        generator.generateBytes(password.toCharArray(), hash);
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + passes + ",p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** A hash in the stored format of Jakarta Security's Pbkdf2PasswordHash, with the given iterations. */
    private static String pbkdf2(String password, int iterations) throws Exception {
        byte[] salt = new byte[32];
        new java.security.SecureRandom().nextBytes(salt);
        byte[] key = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new javax.crypto.spec.PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        return "PBKDF2WithHmacSHA256:" + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(key);
    }
}
