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

    /** Costs what {@link #verify} costs for a hash with the configured parameters, and always fails. */
    public boolean verifyAgainstDecoy(char[] password) {
        pbkdf2.verify(password, decoyHash);
        return false;
    }

    /**
     * After a failed verification against a stored hash cheaper than the configured parameters, spends the
     * iterations it lacked, so the failure costs what it costs for an unknown address. Otherwise the time of
     * a failed sign-in would tell which accounts still have an old hash, and so that they exist.
     */
    public void spendWhatAWeakerHashSaved(char[] password, String storedHash) {
        String[] parts = storedHash.split(":");
        long stored;
        try {
            stored = parts.length == 4 && parts[0].equals(algorithm) ? Long.parseLong(parts[1]) : 0;
        } catch (NumberFormatException malformed) {
            stored = 0;
        }
        long missing = iterations - stored;
        if (missing > 0) {
            // A decoy with only the missing iterations: the container's PBKDF2 runs exactly that much, and fails.
            String[] decoy = decoyHash.split(":");
            pbkdf2.verify(password, decoy[0] + ":" + missing + ":" + decoy[2] + ":" + decoy[3]);
        }
    }
}
