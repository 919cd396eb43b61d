package io.resetflow.passwordformat;

import jakarta.enterprise.context.Dependent;
import jakarta.security.enterprise.identitystore.PasswordHash;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Jakarta Security's {@link PasswordHash} for Argon2id (RFC 9106), computed by Bouncy Castle. Hashes are stored
 * in the PHC string format that the reference implementation and most libraries read and write:
 * {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>} (Base64 without padding). A stored hash
 * carries its own parameters, so changing the configuration keeps old hashes verifiable. Hashes other
 * software made with Argon2i, or with version 1.0 ({@code v=16}, or no version at all), are read as well; new
 * ones are always Argon2id version 1.3.
 *
 * <p>Parameters, as for the container's {@code Pbkdf2PasswordHash}: {@code Argon2id.MemoryKiB},
 * {@code Argon2id.Iterations}, {@code Argon2id.Parallelism}, {@code Argon2id.SaltSizeBytes},
 * {@code Argon2id.HashSizeBytes}.
 */
@Dependent
public class Argon2idPasswordHash implements PasswordHash, PasswordFormat {

    static final String PREFIX = "$argon2id$";
    /** 1 GiB: more than any sensible setting, and the most a stored hash may ask a verification to allocate. */
    static final int MAX_MEMORY_KIB = 1 << 20;
    private static final Pattern PHC = Pattern.compile("\\$argon2(id|i)\\$(?:v=(16|19)\\$)?"
            + "m=(\\d{1,9}),t=(\\d{1,6}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,128})\\$([A-Za-z0-9+/]{22,512})");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    /** The cost of one Argon2 computation: memory in KiB, passes over it, and lanes. */
    public record Cost(int memoryKib, int iterations, int parallelism) {
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
        return MessageDigest.isEqual(compute(password, stored.get(), expected.length), expected);
    }

    @Override
    public String name() {
        return "argon2";
    }

    @Override
    public boolean reads(String stored) {
        return stored.startsWith(PREFIX) || stored.startsWith("$argon2i$");
    }

    @Override
    public boolean matches(char[] password, String stored) {
        return verify(password, stored);
    }

    @Override
    public String costKey(String stored) {
        return parse(stored).map(s -> name() + "/" + s.type() + "/" + s.cost()).orElse(name());
    }

    /** Whether a stored hash is Argon2id version 1.3 with at least the configured cost, salt and hash lengths. */
    public boolean isCurrent(String storedHash) {
        return parse(storedHash)
                .map(stored -> stored.type() == Argon2Parameters.ARGON2_id
                        && stored.version() == Argon2Parameters.ARGON2_VERSION_13
                        && stored.cost().memoryKib() >= cost.memoryKib()
                        && stored.cost().iterations() >= cost.iterations()
                        && stored.salt().length >= saltBytes
                        && stored.hash().length >= hashBytes)
                .orElse(false);
    }

    /** A stored hash's parts; empty if it is not an Argon2id hash in PHC format. */
    public static Optional<Stored> parse(String hashedPassword) {
        Matcher m = hashedPassword == null ? null : PHC.matcher(hashedPassword);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        try {
            int type = m.group(1).equals("id") ? Argon2Parameters.ARGON2_id : Argon2Parameters.ARGON2_i;
            int version = "19".equals(m.group(2)) ? Argon2Parameters.ARGON2_VERSION_13 : Argon2Parameters.ARGON2_VERSION_10;
            Cost cost = new Cost(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
            if (cost.memoryKib() < 8 * cost.parallelism() || cost.memoryKib() > MAX_MEMORY_KIB
                    || cost.iterations() < 1 || cost.parallelism() < 1) {
                return Optional.empty();
            }
            return Optional.of(new Stored(type, version, cost, DECODER.decode(m.group(6)), DECODER.decode(m.group(7))));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** What a stored hash says: its variant and version (Bouncy Castle's constants), cost, salt and hash. */
    public record Stored(int type, int version, Cost cost, byte[] salt, byte[] hash) {
    }

    private static byte[] compute(char[] password, byte[] salt, Cost cost, int length) {
        return compute(password, new Stored(Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_VERSION_13, cost, salt, null), length);
    }

    private static byte[] compute(char[] password, Stored stored, int length) {
        return MemoryHardWork.run(() -> computeNow(password, stored, length));
    }

    private static byte[] computeNow(char[] password, Stored stored, int length) {
        Cost cost = stored.cost();
        byte[] salt = stored.salt();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(stored.type())
                .withVersion(stored.version())
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
