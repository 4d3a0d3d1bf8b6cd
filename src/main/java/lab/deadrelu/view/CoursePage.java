package lab.deadrelu.view;

import java.util.List;

/**
 * The model of templates/pages/course.jte: the form (its current choices) and, once a run is chosen,
 * the course link, its QR code and the embed snippet.
 *
 * @param link  the absolute course link, or null before a run is chosen
 * @param embed the iframe snippet as text, or null
 */
public record CoursePage(List<LabPage.Choice> scenarios, String pasted, List<LabPage.Choice> locks, String title, String note,
                         List<LabPage.Choice> languages, String link, String embed, QrCode qr, List<Preset> presets) {
    /** A ready-made course link. */
    public record Preset(String label, String language, String link) {}
}
