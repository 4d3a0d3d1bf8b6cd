package lab.deadrelu.scenario;

import java.util.ArrayList;
import java.util.List;
import lab.deadrelu.classroom.ClassCodes;
import lab.deadrelu.engine.InvalidParameter;

/**
 * What a teacher adds to a run link: the controls students may not use (lock), a title and an
 * instruction shown above the lab, and the class the run belongs to (class=CODE: the teacher's class
 * view shows it). Part of the link, so every control, a reload and another instance keep it.
 *
 * @param locks in canonical order ({@link #LOCKS}), no repeats
 * @param title "" or at most {@value #MAX_TITLE} characters
 * @param note  "" or at most {@value #MAX_NOTE} characters
 * @param classCode "" or a class code (upper case, see {@link ClassCodes}); typed in any case
 */
public record Course(List<String> locks, String title, String note, String classCode) {
    /** The lockable controls, in canonical order. */
    public static final List<String> LOCKS = List.of("lr", "act", "bias", "reinit", "redraw", "reset", "walk");
    public static final int MAX_TITLE = 80, MAX_NOTE = 300;
    public static final Course NONE = new Course(List.of(), "", "", "");
    static final String LOCK_ALLOWED = "a comma-separated list of " + String.join(", ", LOCKS);

    public Course {
        locks = List.copyOf(locks);
        for (String l : locks) if (!LOCKS.contains(l)) throw new InvalidParameter("lock", l, LOCK_ALLOWED);
        title = title == null ? "" : title.strip();
        note = note == null ? "" : note.strip();
        if (title.codePointCount(0, title.length()) > MAX_TITLE)
            throw new InvalidParameter("title", title.length() + " characters", "at most " + MAX_TITLE + " characters");
        if (note.codePointCount(0, note.length()) > MAX_NOTE)
            throw new InvalidParameter("note", note.length() + " characters", "at most " + MAX_NOTE + " characters");
        if (classCode == null || classCode.isEmpty()) classCode = "";
        else {
            String code = ClassCodes.normalize(classCode);
            if (code == null) throw new InvalidParameter("class", classCode, "a class code: " + ClassCodes.ALLOWED);
            classCode = code;
        }
    }

    /** Not in a class. */
    public Course(List<String> locks, String title, String note) {
        this(locks, title, note, "");
    }

    /** The same, in class `code` ("" for none). */
    public Course inClass(String code) {
        return new Course(locks, title, note, code);
    }

    public boolean inClass() {
        return !classCode.isEmpty();
    }

    /** Reads "lr,act" (any order, no repeats) into canonical order. */
    public static List<String> parseLocks(String text) {
        if (text == null || text.isEmpty()) return List.of();
        String[] parts = text.split(",", -1);
        List<String> seen = new ArrayList<>();
        for (String p : parts) {
            if (!LOCKS.contains(p) || seen.contains(p)) throw new InvalidParameter("lock", text, LOCK_ALLOWED + ", each once");
            seen.add(p);
        }
        return LOCKS.stream().filter(seen::contains).toList();
    }

    public boolean locked(String control) {
        return locks.contains(control);
    }

    /** The lock a lab action needs, or null when the action cannot be locked. */
    public static String lockOf(String action) {
        return switch (action) {
            case "lr-now", "lr-restart" -> "lr";
            case "act", "bias", "reinit", "redraw", "reset", "walk" -> action;
            default -> null;
        };
    }
}
