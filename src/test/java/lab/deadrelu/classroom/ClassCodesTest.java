package lab.deadrelu.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassCodesTest {

    @Test
    void codes_are_six_characters_of_the_alphabet_and_differ() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String code = ClassCodes.newCode();
            assertEquals(6, code.length());
            for (char c : code.toCharArray()) assertTrue(ClassCodes.ALPHABET.indexOf(c) >= 0, code);
            seen.add(code);
        }
        assertTrue(seen.size() > 1990, "random codes rarely repeat: " + seen.size() + " of 2000");
    }

    @Test
    void the_alphabet_has_no_look_alikes() {
        for (char c : "0O1I2Z5S8B".toCharArray()) assertFalse(ClassCodes.ALPHABET.indexOf(c) >= 0, "no " + c);
        assertEquals(ClassCodes.ALPHABET.length(), ClassCodes.ALPHABET.chars().distinct().count(), "each character once");
        assertEquals(ClassCodes.ALPHABET, ClassCodes.ALPHABET.toUpperCase());
    }

    @Test
    void typed_codes_are_read_in_any_case_with_spaces_ignored() {
        assertEquals("KX7D4M", ClassCodes.normalize(" kx7 d4m "));
        assertEquals("KX7D4M", ClassCodes.normalize("KX7-D4M"));
        assertNull(ClassCodes.normalize("KX7D4"));
        assertNull(ClassCodes.normalize("KX7D40"), "0 is not in the alphabet");
        assertNull(ClassCodes.normalize(null));
    }

    @Test
    void teacher_keys_carry_at_least_128_random_bits_and_only_their_hash_is_kept() {
        String key = TeacherKeys.newKey();
        assertTrue(Base64.getUrlDecoder().decode(key).length * 8 >= 128);
        assertTrue(key.matches("[A-Za-z0-9_-]+"), "URL-safe: " + key);
        assertFalse(key.equals(TeacherKeys.newKey()));
        String hash = TeacherKeys.sha256Hex(key);
        assertEquals(64, hash.length());
        Classroom c = new Classroom("KX7D4M", "t", "en", "", hash, 0, 1, false);
        assertTrue(TeacherKeys.opens(key, c));
        assertFalse(TeacherKeys.opens(key + "x", c));
        assertFalse(TeacherKeys.opens(null, c));
        assertFalse(TeacherKeys.opens(hash, c), "the stored hash is not a key");
    }
}
