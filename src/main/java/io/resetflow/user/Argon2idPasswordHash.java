package io.resetflow.user;

import jakarta.enterprise.context.Dependent;
import jakarta.security.enterprise.identitystore.PasswordHash;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Jakarta Security's {@link PasswordHash} for Argon2id (RFC 9106), computed by Bouncy Castle. Hashes are stored
 * in the PHC string format that the reference implementation and most libraries read and write:
 * {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>} (Base64 without padding). A stored hash
 * carries its own parameters, so changing the configuration keeps old hashes verifiable.
 *
 * <p>Parameters, as for the container's {@code Pbkdf2PasswordHash}: {@code Argon2id.MemoryKiB},
 * {@code Argon2id.Iterations}, {@code Argon2id.Parallelism}, {@code Argon2id.SaltSizeBytes},
 * {@code Argon2id.HashSizeBytes}.
 */
@Dependent
public class Argon2idPasswordHash implements PasswordHash {

    static final String PREFIX = "$argon2id$";
    /** 1 GiB: more than any sensible setting, and the most a stored hash may ask a verification to allocate. */
    static final int MAX_MEMORY_KIB = 1 << 20;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,9}),t=(\\d{1,6}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,128})\\$([A-Za-z0-9+/]{22,512})");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    /** The cost of one Argon2id computation: memory in KiB, passes over it, and lanes. */
    public record Cost(int memoryKib, int iterations, int parallelism) {

        /** Blocks of 1 KiB written, the measure of an Argon2 computation's work. */
        public long blocks() {
            return (long) memoryKib * iterations;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private Cost cost = new Cost(12_288, 3, 1);
    private int saltBytes = 16;
    private int hashBytes = 32;

    @Override
    public void initialize(Map<String, String> parameters) {
        cost = new Cost(
                positive(parameters, "Argon2id.MemoryKiB", cost.memoryKib()),
                positive(parameters, "Argon2id.Iterations", cost.iterations()),
                positive(parameters, "Argon2id.Parallelism", cost.parallelism()));
        if (cost.memoryKib() < 8 * cost.parallelism()) {
            throw new IllegalArgumentException("Argon2id needs at least 8 KiB of memory per lane");
        }
        if (cost.memoryKib() > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2id memory above " + MAX_MEMORY_KIB + " KiB is not supported");
        }
        saltBytes = positive(parameters, "Argon2id.SaltSizeBytes", saltBytes);
        hashBytes = positive(parameters, "Argon2id.HashSizeBytes", hashBytes);
        if (saltBytes < 8 || hashBytes < 16) {
            throw new IllegalArgumentException("Argon2id needs a salt of at least 8 bytes and a hash of at least 16");
        }
    }

    private static int positive(Map<String, String> parameters, String name, int otherwise) {
        String value = parameters.get(name);
        if (value == null) {
            return otherwise;
        }
        int parsed = Integer.parseInt(value.strip());
        if (parsed <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return parsed;
    }

    /** The configured cost: what {@link #generate} spends. */
    public Cost cost() {
        return cost;
    }

    @Override
    public String generate(char[] password) {
        byte[] salt = new byte[saltBytes];
        random.nextBytes(salt);
        return PREFIX + "v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(compute(password, salt, cost, hashBytes));
    }

    /** Whether the password matches; a malformed or foreign stored value never matches (and costs nothing). */
    @Override
    public boolean verify(char[] password, String hashedPassword) {
        Optional<Stored> stored = parse(hashedPassword);
        if (stored.isEmpty()) {
            return false;
        }
        byte[] expected = stored.get().hash();
        return MessageDigest.isEqual(compute(password, stored.get().salt(), stored.get().cost(), expected.length), expected);
    }

    /** Runs one computation at this cost, as a verification would, and discards it. */
    public void spend(char[] password, Cost work) {
        compute(password, new byte[saltBytes], work, hashBytes);
    }

    /** A stored hash's parts; empty if it is not an Argon2id hash in PHC format. */
    public static Optional<Stored> parse(String hashedPassword) {
        Matcher m = hashedPassword == null ? null : PHC.matcher(hashedPassword);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        try {
            Cost cost = new Cost(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            if (cost.memoryKib() < 8 * cost.parallelism() || cost.memoryKib() > MAX_MEMORY_KIB
                    || cost.iterations() < 1 || cost.parallelism() < 1) {
                return Optional.empty();
            }
            return Optional.of(new Stored(cost, DECODER.decode(m.group(4)), DECODER.decode(m.group(5))));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** What a stored hash says: its cost, salt and hash. */
    public record Stored(Cost cost, byte[] salt, byte[] hash) {
    }

    /**
     * At most one computation per processor at a time. Each holds its whole memory cost on the heap for its
     * duration, and more at once than there are processors would only share them: so the memory hashing can take
     * is bounded (processors × memory cost), whatever the number of sign-ins in progress. Fair: first come, first
     * computed, the same wait for every kind of attempt.
     */
    private static final Semaphore COMPUTING = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

    private static byte[] compute(char[] password, byte[] salt, Cost cost, int length) {
        COMPUTING.acquireUninterruptibly();
        try {
            return computeNow(password, salt, cost, length);
        } finally {
            COMPUTING.release();
        }
    }

    private static byte[] computeNow(char[] password, byte[] salt, Cost cost, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKib())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .build());
        byte[] out = new byte[length];
        // Bouncy Castle encodes the characters as UTF-8 (its default converter), the bytes other implementations hash.
        generator.generateBytes(password, out);
        return out;
    }
}
