package lab.deadrelu.classroom;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The teacher's key: 144 random bits in URL-safe base64 (24 characters), handed out once in the class
 * view's link. Stores keep only its SHA-256; a key is checked by hashing it and comparing in constant time.
 */
public final class TeacherKeys {
    public static final int BYTES = 18;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TeacherKeys() {}

    public static String newKey() {
        byte[] bits = new byte[BYTES];
        RANDOM.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    public static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Does `key` (as sent, may be null) open the class? Constant time in the key's hash. */
    public static boolean opens(String key, Classroom classroom) {
        if (key == null || key.length() > 100) return false;
        return MessageDigest.isEqual(sha256Hex(key).getBytes(StandardCharsets.US_ASCII),
                classroom.keySha256().getBytes(StandardCharsets.US_ASCII));
    }
}
