package lab.deadrelu.view.classes;

import java.util.List;
import lab.deadrelu.view.chart.BandChart;
import lab.deadrelu.view.chart.BarChart;
import lab.deadrelu.view.chart.QrCode;

/**
 * The model of templates/classes/class.jte, the teacher's live view of a class, and of its two regions
 * (classes/class_students.jte and class_charts.jte), which its stream re-sends.
 *
 * @param studentLink the absolute link students open (the class's start link with class=CODE), shown and in the QR code
 * @param qr          that link's QR code, or null when too long for one
 * @param key         the teacher's key, for the forms' hidden field and the stream's URL (this page only)
 * @param actions     "/class/CODE" with the base path: where the forms post
 */
public record ClassPage(String code, String title, String studentLink, QrCode qr, String key, String actions, String streamUrl,
                        String apiUrl, Students students, Charts charts) {

    /** Who is in the class: connected (seen within the last seconds) of total, and a row per student. */
    public record Students(int connected, int total, String endsIn, boolean ended, List<Row> rows) {
        public Students {
            rows = List.copyOf(rows);
        }
    }

    /** One student's run, as the table shows it; href opens the run at its step (null before the student started one). */
    public record Row(String nickname, String scenario, String lr, String act, String seed, long step, String loss, String deadPerLayer,
                      int dead, int hidden, boolean diverged, boolean connected, String href) {}

    /** The three charts (each null while there is nothing to draw) and the sentence that sums them up. */
    public record Charts(String summary, BarChart neurons, BandChart byLr, BarChart loss) {}
}
