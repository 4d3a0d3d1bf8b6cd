package lab.deadrelu.classroom;

/**
 * A class a teacher opened: what students join by its code. The teacher's key is never kept, only its
 * SHA-256 (so a store's contents, a dump or a log cannot open the teacher's view).
 *
 * @param code        six letters or digits, read aloud in the room (see ClassCodes)
 * @param title       the teacher's title, at most 80 characters
 * @param lang        "en" or "zh": the language students' pages open in
 * @param link        the lab link students start from (a path and query on this site), or "" for the home page's choice
 * @param keySha256   the teacher key's SHA-256, hex
 * @param endsMillis  when the class ends by itself (created + CLASS_HOURS), epoch milliseconds
 * @param ended       true once the teacher ended it
 */
public record Classroom(String code, String title, String lang, String link, String keySha256, long createdMillis, long endsMillis,
                        boolean ended) {

    /** Open for students and the teacher at `nowMillis`. */
    public boolean openAt(long nowMillis) {
        return !ended && nowMillis < endsMillis;
    }

    public Classroom endedNow() {
        return new Classroom(code, title, lang, link, keySha256, createdMillis, endsMillis, true);
    }
}
