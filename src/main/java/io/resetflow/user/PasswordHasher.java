package io.resetflow.user;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Password hashes through Jakarta Security's {@code PasswordHash}: new ones with the configured scheme, Argon2id
 * ({@link Argon2idPasswordHash}) unless an operator chose PBKDF2 (the container's {@link Pbkdf2PasswordHash},
 * for example where only FIPS-approved algorithms may be used). A stored hash names its scheme and carries its
 * parameters, so hashes of either scheme and of earlier settings keep working, and are replaced at the next
 * successful sign-in when they are weaker than, or of another scheme than, the configured one.
 *
 * <p>A failed sign-in spends the same work whoever it is for ({@link #evenOutFailure}).
 */
@ApplicationScoped
public class PasswordHasher {

    /** The two schemes a stored hash can have. */
    public enum Scheme {
        ARGON2ID, PBKDF2;

        static Scheme of(String storedHash) {
            return storedHash.startsWith(Argon2idPasswordHash.PREFIX) ? ARGON2ID : PBKDF2;
        }

        /** The other scheme: the one whose hashes may remain from before a change of scheme. */
        public Scheme other() {
            return this == ARGON2ID ? PBKDF2 : ARGON2ID;
        }
    }

    @Inject
    Argon2idPasswordHash argon2id;

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @Inject
    @ConfigProperty(name = "password.hash.scheme")
    String scheme;

    @Inject
    @ConfigProperty(name = "password.hash.argon2id.memory-kib")
    int argon2idMemoryKib;

    @Inject
    @ConfigProperty(name = "password.hash.argon2id.iterations")
    int argon2idIterations;

    @Inject
    @ConfigProperty(name = "password.hash.argon2id.parallelism")
    int argon2idParallelism;

    @Inject
    @ConfigProperty(name = "password.hash.pbkdf2.algorithm")
    String pbkdf2Algorithm;

    @Inject
    @ConfigProperty(name = "password.hash.pbkdf2.iterations")
    int pbkdf2Iterations;

    @Inject
    @ConfigProperty(name = "password.hash.salt-bytes")
    int saltBytes;

    @Inject
    @ConfigProperty(name = "password.hash.key-bytes")
    int keyBytes;

    private Scheme configured;
    /** A valid PBKDF2 hash of a random password at the configured iterations; its salt and key serve every decoy. */
    private String pbkdf2Decoy;

    @PostConstruct
    void configure() {
        configured = switch (scheme.strip().toLowerCase(Locale.ROOT)) {
            case "argon2id" -> Scheme.ARGON2ID;
            case "pbkdf2" -> Scheme.PBKDF2;
            default -> throw new IllegalArgumentException("password.hash.scheme must be argon2id or pbkdf2, was " + scheme);
        };
        argon2id.initialize(Map.of(
                "Argon2id.MemoryKiB", Integer.toString(argon2idMemoryKib),
                "Argon2id.Iterations", Integer.toString(argon2idIterations),
                "Argon2id.Parallelism", Integer.toString(argon2idParallelism),
                "Argon2id.SaltSizeBytes", Integer.toString(saltBytes),
                "Argon2id.HashSizeBytes", Integer.toString(keyBytes)));
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", pbkdf2Algorithm,
                "Pbkdf2PasswordHash.Iterations", Integer.toString(pbkdf2Iterations),
                "Pbkdf2PasswordHash.SaltSizeBytes", Integer.toString(saltBytes),
                "Pbkdf2PasswordHash.KeySizeBytes", Integer.toString(keyBytes)));
        pbkdf2Decoy = pbkdf2.generate(Long.toHexString(System.nanoTime()).toCharArray());
    }

    /** The scheme new hashes are made with. */
    public Scheme scheme() {
        return configured;
    }

    public String hash(char[] password) {
        return configured == Scheme.ARGON2ID ? argon2id.generate(password) : pbkdf2.generate(password);
    }

    /** Whether the password matches the stored hash, of whichever scheme it is; a malformed one never matches. */
    public boolean verify(char[] password, String storedHash) {
        if (Scheme.of(storedHash) == Scheme.ARGON2ID) {
            return argon2id.verify(password, storedHash);
        }
        return pbkdf2Iterations(storedHash).isPresent() && pbkdf2.verify(password, storedHash);
    }

    /**
     * Whether a stored hash should be replaced at the next successful sign-in: it is of the other scheme, or
     * weaker than the configured parameters (less memory or fewer passes, another PBKDF2 variant, fewer
     * iterations, a shorter salt or key), or not readable.
     */
    public boolean needsRehash(String storedHash) {
        if (Scheme.of(storedHash) != configured) {
            return true;
        }
        if (configured == Scheme.ARGON2ID) {
            return Argon2idPasswordHash.parse(storedHash)
                    .map(stored -> stored.cost().memoryKib() < argon2idMemoryKib
                            || stored.cost().iterations() < argon2idIterations
                            || stored.salt().length < saltBytes
                            || stored.hash().length < keyBytes)
                    .orElse(true);
        }
        String[] parts = storedHash.split(":");
        if (parts.length != 4) {
            return true;
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            return !parts[0].equals(pbkdf2Algorithm)
                    || Integer.parseInt(parts[1]) < pbkdf2Iterations
                    || base64.decode(parts[2]).length < saltBytes
                    || base64.decode(parts[3]).length < keyBytes;
        } catch (IllegalArgumentException malformed) {
            return true;
        }
    }

    /** Costs what {@link #verify} costs for a hash made now, and always fails: the check for an unknown address. */
    public boolean verifyAgainstDecoy(char[] password) {
        if (configured == Scheme.ARGON2ID) {
            argon2id.spend(password, argon2id.cost());
        } else {
            pbkdf2.verify(password, pbkdf2Decoy);
        }
        return false;
    }

    /**
     * After a failed check, spends what makes every failure cost the same: the configured work of the configured
     * scheme, and also that of the other scheme while hashes of it are stored (an operator changed the scheme and
     * not everybody has signed in since). The failed check is counted: against a stored hash, its own cost;
     * against the decoy (no account), the configured scheme's. Otherwise the time of a failed sign-in would tell
     * which accounts still have an older or cheaper hash, and so that they exist.
     *
     * @param storedHash the hash the password was checked against, empty when there is no account
     * @param otherSchemeStored whether hashes of the scheme that is not configured may still be stored
     */
    public void evenOutFailure(char[] password, Optional<String> storedHash, boolean otherSchemeStored) {
        Scheme checked = storedHash.map(Scheme::of).orElse(configured);
        boolean argon2idDue = configured == Scheme.ARGON2ID || checked == Scheme.ARGON2ID || otherSchemeStored;
        boolean pbkdf2Due = configured == Scheme.PBKDF2 || checked == Scheme.PBKDF2 || otherSchemeStored;

        long argon2idDone = 0;
        long pbkdf2Done = 0;
        if (storedHash.isEmpty()) {
            argon2idDone = configured == Scheme.ARGON2ID ? argon2id.cost().blocks() : 0;
            pbkdf2Done = configured == Scheme.PBKDF2 ? pbkdf2Iterations : 0;
        } else if (checked == Scheme.ARGON2ID) {
            // A malformed hash was not computed at all.
            argon2idDone = Argon2idPasswordHash.parse(storedHash.get()).map(s -> s.cost().blocks()).orElse(0L);
        } else {
            pbkdf2Done = pbkdf2Iterations(storedHash.get()).orElse(0L);
        }

        if (argon2idDue) {
            long missing = argon2id.cost().blocks() - argon2idDone;
            if (missing > 0) {
                Argon2idPasswordHash.Cost configuredCost = argon2id.cost();
                int passes = configuredCost.iterations();
                int memory = (int) Math.max(8L * configuredCost.parallelism(), (missing + passes - 1) / passes);
                argon2id.spend(password, new Argon2idPasswordHash.Cost(memory, passes, configuredCost.parallelism()));
            }
        }
        if (pbkdf2Due) {
            long missing = pbkdf2Iterations - pbkdf2Done;
            if (missing > 0) {
                // A decoy with only the missing iterations: the container's PBKDF2 runs exactly that much, and fails.
                String[] decoy = pbkdf2Decoy.split(":");
                pbkdf2.verify(password, decoy[0] + ":" + missing + ":" + decoy[2] + ":" + decoy[3]);
            }
        }
    }

    /** The iterations of a stored PBKDF2 hash ({@code algorithm:iterations:salt:key}); empty if it is not one. */
    private static Optional<Long> pbkdf2Iterations(String storedHash) {
        String[] parts = storedHash.split(":");
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            long iterations = Long.parseLong(parts[1]);
            return iterations > 0 ? Optional.of(iterations) : Optional.empty();
        } catch (NumberFormatException malformed) {
            return Optional.empty();
        }
    }
}
