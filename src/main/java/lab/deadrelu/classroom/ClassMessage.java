package lab.deadrelu.classroom;

/** What a teacher sends to every student of a class, wherever their page is served. */
public sealed interface ClassMessage {
    String code();

    /** "Send to class": a banner on every student's page offering this link (a path and query on this site). */
    record Send(String code, String link) implements ClassMessage {}

    /** "Pause all": every student's run stops playing. */
    record PauseAll(String code) implements ClassMessage {}

    /** The teacher ended the class: students' pages say so. */
    record Ended(String code) implements ClassMessage {}
}
