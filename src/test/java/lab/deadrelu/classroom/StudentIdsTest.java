package lab.deadrelu.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StudentIdsTest {
    private static final String SECRET = "a-secret-every-instance-shares-0123456789";

    @Test
    void a_browser_is_the_same_student_on_every_instance_that_shares_the_secret() {
        String a = StudentIds.id(SECRET, "KX7D4M", "session-1");
        assertEquals(a, StudentIds.id(SECRET, "KX7D4M", "session-1"));
        assertEquals(16, a.length());
        assertTrue(a.matches("[A-Za-z0-9_-]{16}"), a);
    }

    @Test
    void ids_differ_across_classes_sessions_and_secrets() {
        String a = StudentIds.id(SECRET, "KX7D4M", "session-1");
        assertNotEquals(a, StudentIds.id(SECRET, "KX7D4N", "session-1"));
        assertNotEquals(a, StudentIds.id(SECRET, "KX7D4M", "session-2"));
        assertNotEquals(a, StudentIds.id(SECRET + "x", "KX7D4M", "session-1"));
    }

    @Test
    void a_generated_nickname_tag_is_two_characters_fixed_by_the_id() {
        String id = StudentIds.id(SECRET, "KX7D4M", "session-1");
        assertEquals(StudentIds.tag(id), StudentIds.tag(id));
        assertEquals(2, StudentIds.tag(id).length());
        for (char c : StudentIds.tag(id).toCharArray()) assertTrue(ClassCodes.ALPHABET.indexOf(c) >= 0);
    }
}
