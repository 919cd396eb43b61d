package io.resetflow.user;

import io.resetflow.passwordformat.Argon2idPasswordHash;
import io.resetflow.passwordformat.Bcrypt;
import io.resetflow.passwordformat.DjangoPbkdf2Sha256;
import io.resetflow.passwordformat.JakartaPbkdf2;
import io.resetflow.passwordformat.PasswordFormat;
import io.resetflow.passwordformat.PasswordFormats;
import io.resetflow.passwordformat.SpringPbkdf2;
import io.resetflow.passwordformat.SpringPrefixed;
import io.resetflow.passwordformat.WriteFormat;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stored passwords: new ones in the configured write format ({@link WriteFormat}), and every format sign-in reads
 * ({@link PasswordFormats}): the product's own Argon2id and Jakarta PBKDF2, and what a host site's sign-in wrote
 * (bcrypt, Django, Spring Security, PHPass). A stored hash names its format and carries its parameters, so hashes
 * of every format and of earlier settings keep working, and are replaced at the next successful sign-in when they
 * are of another format than the write format or weaker than its settings.
 *
 * <p>A failed sign-in lasts as long as a check of the costliest stored hash ({@link FailureFloor}): an unknown
 * address is checked against a decoy of the write format, and a value no format reads is not computed at all.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final Logger LOG = Logger.getLogger(PasswordHasher.class.getName());
    /** Formats a log warns of once each; beyond this many, no more are remembered. */
    private static final int MAX_WARNED_SHAPES = 64;

    @Inject
    Argon2idPasswordHash argon2id;

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @Inject
    @ConfigProperty(name = "password.write-format")
    String writeFormatSetting;

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

    @Inject
    @ConfigProperty(name = "password.hash.bcrypt.version")
    String bcryptVersion;

    @Inject
    @ConfigProperty(name = "password.hash.bcrypt.cost")
    int bcryptCost;

    @Inject
    @ConfigProperty(name = "password.hash.django.iterations")
    int djangoIterations;

    @Inject
    @ConfigProperty(name = "password.hash.spring-pbkdf2.algorithm")
    String springPbkdf2Algorithm;

    @Inject
    @ConfigProperty(name = "password.hash.spring-pbkdf2.iterations")
    int springPbkdf2Iterations;

    /** The secret of the host's Spring {@code Pbkdf2PasswordEncoder}, if it has one: from the environment only. */
    @Inject
    @ConfigProperty(name = "password.hash.spring-pbkdf2.secret")
    Optional<String> springPbkdf2Secret;

    private WriteFormat writeFormat;
    private PasswordFormats formats;
    /** A valid hash of a random password in the write format: what an unknown address's password is checked against. */
    private String decoy;
    FailureFloor floor = new FailureFloor(System::nanoTime, FailureFloor::sleep);
    private final Set<String> warnedShapes = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void configure() {
        writeFormat = WriteFormat.of(writeFormatSetting);
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
        bcryptVersion = bcryptVersion.strip();
        Bcrypt.requireUsable(bcryptVersion, bcryptCost);
        if (djangoIterations < 100_000) {
            throw new IllegalArgumentException("password.hash.django.iterations must be at least 100000, was " + djangoIterations);
        }
        formats = new PasswordFormats(argon2id, new JakartaPbkdf2(pbkdf2),
                new SpringPbkdf2(springPbkdf2Algorithm.strip(), springPbkdf2Iterations, springPbkdf2Secret.orElse("")));
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        char[] unguessable = Base64.getEncoder().encodeToString(random).toCharArray();
        decoy = hash(unguessable);
        // Learn the decoy's cost before the first sign-in: an unknown address is checked against it.
        for (int i = 0; i < 2; i++) {
            verify(new char[] {'x'}, decoy);
        }
    }

    /** The format new hashes are made in. */
    public WriteFormat writeFormat() {
        return writeFormat;
    }

    /** The most UTF-8 bytes of a password the write format keeps, if it keeps fewer than any password has. */
    public OptionalInt maxPasswordBytes() {
        return writeFormat.isBcrypt() ? OptionalInt.of(Bcrypt.MAX_PASSWORD_BYTES) : OptionalInt.empty();
    }

    public String hash(char[] password) {
        return switch (writeFormat) {
            case ARGON2ID -> argon2id.generate(password);
            case PBKDF2 -> pbkdf2.generate(password);
            case BCRYPT -> Bcrypt.hash(bcryptVersion, bcryptCost, password);
            case DJANGO_PBKDF2_SHA256 -> DjangoPbkdf2Sha256.hash(djangoIterations, password);
            case SPRING_ARGON2 -> SpringPrefixed.ARGON2 + argon2id.generate(password);
            case SPRING_BCRYPT -> SpringPrefixed.BCRYPT + Bcrypt.hash("2a", bcryptCost, password);
        };
    }

    /**
     * Whether the password matches the stored hash, of whichever format it is. A malformed one, or one of a format
     * no sign-in reads, never matches; the latter is logged once per format.
     */
    public boolean verify(char[] password, String storedHash) {
        Optional<PasswordFormat> format = formats.find(storedHash);
        if (format.isEmpty()) {
            warnOfUnreadFormat(storedHash);
            return false;
        }
        long started = System.nanoTime();
        boolean matches = format.get().matches(password, storedHash);
        floor.observe(format.get().costKey(storedHash), System.nanoTime() - started);
        return matches;
    }

    /** Costs what {@link #verify} costs for a hash made now, and always fails: the check for an unknown address. */
    public boolean verifyAgainstDecoy(char[] password) {
        verify(password, decoy);
        return false;
    }

    /**
     * Holds a failed sign-in that began at {@code startedNanos} ({@link System#nanoTime}) until it has lasted as long
     * as a check of the costliest stored hash: whoever it was for, whatever their hash's format and cost.
     */
    public void evenOutFailure(long startedNanos) {
        floor.hold(startedNanos);
    }

    /**
     * Learns the cost of checking each kind of stored hash in a sample of the stored ones, so that failures are
     * held long enough from the first sign-in on: one failing check per cost key.
     */
    public void learnCosts(Collection<String> storedHashes) {
        Set<String> learnt = new HashSet<>();
        for (String stored : storedHashes) {
            Optional<PasswordFormat> format = formats.find(stored);
            if (format.isPresent() && learnt.add(format.get().costKey(stored))) {
                for (int i = 0; i < FailureFloor.TIMINGS_AT_START; i++) {
                    verify(new char[] {'x'}, stored);
                }
            }
        }
    }

    /**
     * Whether a stored hash should be replaced at the next successful sign-in: it is of another format than the
     * write format, or weaker than its settings (less memory or fewer passes, another PBKDF2 variant, fewer
     * iterations, a lower bcrypt cost, a shorter salt or key), or not readable.
     */
    public boolean needsRehash(String storedHash) {
        return switch (writeFormat) {
            case ARGON2ID -> !argon2id.isCurrent(storedHash);
            case SPRING_ARGON2 -> !(storedHash.startsWith(SpringPrefixed.ARGON2)
                    && argon2id.isCurrent(storedHash.substring(SpringPrefixed.ARGON2.length())));
            case PBKDF2 -> !JakartaPbkdf2.isCurrent(storedHash, pbkdf2Algorithm, pbkdf2Iterations, saltBytes, keyBytes);
            case BCRYPT -> Bcrypt.cost(storedHash) < bcryptCost;
            case SPRING_BCRYPT -> !(storedHash.startsWith(SpringPrefixed.BCRYPT)
                    && Bcrypt.cost(storedHash.substring(SpringPrefixed.BCRYPT.length())) >= bcryptCost);
            case DJANGO_PBKDF2_SHA256 -> DjangoPbkdf2Sha256.iterations(storedHash) < djangoIterations;
        };
    }

    private void warnOfUnreadFormat(String storedHash) {
        String shape = PasswordFormats.shape(storedHash);
        if (warnedShapes.size() < MAX_WARNED_SHAPES && warnedShapes.add(shape)) {
            LOG.log(Level.WARNING, "Stored password format {0} is not one sign-in reads: accounts stored with it cannot sign in"
                    + " here until they reset their password", shape);
        }
    }
}
