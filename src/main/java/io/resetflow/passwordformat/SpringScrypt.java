package io.resetflow.passwordformat;

import java.security.MessageDigest;
import java.util.Base64;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Spring Security's {@code SCryptPasswordEncoder} (after the {@code {scrypt}} prefix):
 * {@code $<hex of log2(N) << 16 | r << 8 | p>$<Base64 salt>$<Base64 key>}, computed by Bouncy Castle. Its memory,
 * 128 · N · r bytes (64 MiB at Spring's defaults), counts against the same bound as Argon2's.
 */
public final class SpringScrypt implements PasswordFormat {

    /** 1 GiB, as for Argon2: a stored value asking for more is refused rather than computed. */
    static final long MAX_MEMORY_BYTES = 1L << 30;

    @Override
    public String name() {
        return "spring-scrypt";
    }

    @Override
    public boolean reads(String stored) {
        return stored.startsWith("$");
    }

    @Override
    public String costKey(String stored) {
        String[] parts = stored.split("\\$", -1);
        return parts.length == 4 && parts[1].length() <= 8 ? name() + "/" + parts[1] : name();
    }

    @Override
    public boolean matches(char[] password, String stored) {
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 4 || !parts[0].isEmpty() || parts[1].isEmpty() || parts[1].length() > 8) {
            return false;
        }
        try {
            long params = Long.parseLong(parts[1], 16);
            int log2n = (int) (params >> 16 & 0xffff);
            int r = (int) (params >> 8 & 0xff);
            int p = (int) (params & 0xff);
            if (log2n < 1 || log2n > 24 || r < 1 || p < 1 || 128L * r * (1L << log2n) > MAX_MEMORY_BYTES || (long) r * p >= 1 << 30) {
                return false;
            }
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            if (expected.length < 16 || expected.length > 64) {
                return false;
            }
            byte[] key = MemoryHardWork.run(() -> SCrypt.generate(Bcrypt.utf8(password), salt, 1 << log2n, r, p, expected.length));
            return MessageDigest.isEqual(key, expected);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
