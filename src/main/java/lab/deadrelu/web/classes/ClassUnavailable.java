package lab.deadrelu.web.classes;

import lab.deadrelu.web.BadRequest;

/**
 * A class that cannot be used as asked: no class has the code (404), it ended or expired (410), the
 * teacher's key is missing or wrong (403), the server holds as many classes as it may (503), or the
 * store the classes live in (Redis) does not answer (503).
 * Answered in the visitor's language, naming the code and what to do (see ErrorPages.classUnavailable).
 */
public final class ClassUnavailable extends RuntimeException {
    public enum Why {
        UNKNOWN(404), ENDED(410), EXPIRED(410), TEACHER_ENDED(410), WRONG_KEY(403), FULL(503), CLASS_FULL(503), STORE_DOWN(503);

        public final int status;

        Why(int status) {
            this.status = status;
        }
    }

    public final Why why;
    /** The code as the visitor gave it, clipped (it is shown back to them). */
    public final String code;
    /** Where to go from here instead of the home page (the teacher of an ended class: its JSON), or null. */
    public final String next;

    public ClassUnavailable(Why why, String code) {
        this(why, code, null);
    }

    public ClassUnavailable(Why why, String code, String next) {
        super(why + " class " + BadRequest.clip(code), null, false, false);
        this.why = why;
        this.code = BadRequest.clip(code);
        this.next = next;
    }
}
