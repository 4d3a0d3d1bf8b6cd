package lab.deadrelu.classroom;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A student's id in a class: derived from the browser's session and the class code under the server's
 * session secret, so the same browser is the same row on every instance that shares the secret (a reload
 * or a failover never counts a student twice), and ids say nothing about sessions or other classes.
 */
public final class StudentIds {
    public static final int LENGTH = 16;
    /** The generated nickname's tag: two characters of the code alphabet. */
    private static final String TAG = ClassCodes.ALPHABET;

    private StudentIds() {}

    /** The first 16 characters of base64url(HMAC-SHA256(secret, "student:" + code + ":" + sessionId)). */
    public static String id(String secret, String code, String sessionId) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] mac = hmac.doFinal(("student:" + code + ":" + sessionId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac).substring(0, LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Two characters ("7K") that tell generated nicknames apart, always the same for one id. */
    public static String tag(String id) {
        int h = id.hashCode() & 0x7fffffff;
        return "" + TAG.charAt(h % TAG.length()) + TAG.charAt((h / TAG.length()) % TAG.length());
    }
}
