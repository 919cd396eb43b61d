package io.resetflow.passwordformat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The portable hashes of the PHPass framework ({@code $P$}, WordPress and older PHP sites; {@code $H$}, phpBB 3): MD5 over
 * salt and password, then 2<sup>n</sup> more times over the result and the password, n read from the value, in
 * PHPass's own Base64 alphabet. A weak format read only so that such a site's users can sign in once: their next
 * successful sign-in replaces it with the write format. MD5 is the JDK's; only PHPass's framing is here.
 */
public final class Phpass implements PasswordFormat {

    private static final String ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @Override
    public String name() {
        return "phpass";
    }

    @Override
    public boolean reads(String stored) {
        return stored.startsWith("$P$") || stored.startsWith("$H$");
    }

    @Override
    public boolean matches(char[] password, String stored) {
        if (stored.length() != 34) {
            return false;
        }
        int log2 = ITOA64.indexOf(stored.charAt(3));
        // PHPass itself refuses counts outside 2^7..2^30.
        if (log2 < 7 || log2 > 30) {
            return false;
        }
        String salt = stored.substring(4, 12);
        byte[] pass = Bcrypt.utf8(password);
        MessageDigest md5 = md5();
        md5.update(salt.getBytes(StandardCharsets.US_ASCII));
        byte[] hash = md5.digest(pass);
        for (long count = 1L << log2; count > 0; count--) {
            md5.update(hash);
            hash = md5.digest(pass);
        }
        byte[] expected = stored.substring(12).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(encode64(hash).getBytes(StandardCharsets.US_ASCII), expected);
    }

    @Override
    public String costKey(String stored) {
        return stored.length() > 3 ? name() + "/" + stored.charAt(3) : name();
    }

    /** PHPass's encode64: little-endian groups of 3 bytes as 4 characters of {@link #ITOA64}. */
    private static String encode64(byte[] input) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        do {
            int value = input[i++] & 0xff;
            out.append(ITOA64.charAt(value & 0x3f));
            if (i < input.length) {
                value |= (input[i] & 0xff) << 8;
            }
            out.append(ITOA64.charAt((value >> 6) & 0x3f));
            if (i++ >= input.length) {
                break;
            }
            if (i < input.length) {
                value |= (input[i] & 0xff) << 16;
            }
            out.append(ITOA64.charAt((value >> 12) & 0x3f));
            if (i++ >= input.length) {
                break;
            }
            out.append(ITOA64.charAt((value >> 18) & 0x3f));
        } while (i < input.length);
        return out.toString();
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("The JDK has no MD5", missing);
        }
    }
}
