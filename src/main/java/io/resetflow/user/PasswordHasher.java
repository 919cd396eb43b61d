package io.resetflow.user;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Base64;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The container's {@link Pbkdf2PasswordHash}, configured explicitly: its built-in default of 2048
 * iterations is far too low. Stored hashes carry their own parameters, so changing the configuration
 * keeps old hashes verifiable.
 */
@ApplicationScoped
public class PasswordHasher {

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @Inject
    @ConfigProperty(name = "password.hash.algorithm")
    String algorithm;

    @Inject
    @ConfigProperty(name = "password.hash.iterations")
    int iterations;

    @Inject
    @ConfigProperty(name = "password.hash.salt-bytes")
    int saltBytes;

    @Inject
    @ConfigProperty(name = "password.hash.key-bytes")
    int keyBytes;

    /** A valid hash of a random password, verified against when there is no account, to spend the same time. */
    private String decoyHash;

    @PostConstruct
    void configure() {
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", algorithm,
                "Pbkdf2PasswordHash.Iterations", Integer.toString(iterations),
                "Pbkdf2PasswordHash.SaltSizeBytes", Integer.toString(saltBytes),
                "Pbkdf2PasswordHash.KeySizeBytes", Integer.toString(keyBytes)));
        decoyHash = pbkdf2.generate(Long.toHexString(System.nanoTime()).toCharArray());
    }

    public String hash(char[] password) {
        return pbkdf2.generate(password);
    }

    public boolean verify(char[] password, String storedHash) {
        return pbkdf2.verify(password, storedHash);
    }

    /**
     * Whether a stored hash was made with weaker parameters than the configured ones (another algorithm,
     * fewer iterations, a shorter salt or key), so it should be replaced at the next successful sign-in.
     * Stored format: {@code algorithm:iterations:base64(salt):base64(key)}.
     */
    public boolean needsRehash(String storedHash) {
        String[] parts = storedHash.split(":");
        if (parts.length != 4) {
            return true;
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            return !parts[0].equals(algorithm)
                    || Integer.parseInt(parts[1]) < iterations
                    || base64.decode(parts[2]).length < saltBytes
                    || base64.decode(parts[3]).length < keyBytes;
        } catch (IllegalArgumentException malformed) {
            return true;
        }
    }

    /** Costs what {@link #verify} costs for a real account, and always fails. */
    public boolean verifyAgainstDecoy(char[] password) {
        pbkdf2.verify(password, decoyHash);
        return false;
    }
}
