package lab.deadrelu.classroom;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * A class's code: six characters a teacher reads aloud and students type. The alphabet leaves out
 * characters that look or sound alike: 0 and O, 1 and I, 2 and Z, 5 and S, 8 and B (L stays: 1 and I
 * are gone). Typed codes are read case-insensitively, spaces ignored.
 */
public final class ClassCodes {
    public static final String ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679";
    public static final int LENGTH = 6;
    /** In words, for a 400 that names what is allowed. */
    public static final String ALLOWED = LENGTH + " letters and digits, as the teacher gave it (e.g. KX7D4M)";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClassCodes() {}

    public static String newCode() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return code.toString();
    }

    /** A code as typed ("kx7 d4m ") as stored ("KX7D4M"); null when it cannot be one. */
    public static String normalize(String typed) {
        if (typed == null) return null;
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        return isWellFormed(code) ? code : null;
    }

    public static boolean isWellFormed(String code) {
        if (code == null || code.length() != LENGTH) return false;
        for (int i = 0; i < code.length(); i++) if (ALPHABET.indexOf(code.charAt(i)) < 0) return false;
        return true;
    }
}
