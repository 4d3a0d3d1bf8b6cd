package lab.deadrelu.view.course;

import java.util.List;
import lab.deadrelu.view.chart.QrCode;
import lab.deadrelu.view.lab.LabPage;

/**
 * The model of templates/course/course.jte: the form (its current choices) and, once a run is chosen,
 * the course link, its QR code and the embed snippet; and ready-made links for every scenario.
 *
 * @param link  the absolute course link, or null before a run is chosen
 * @param embed the iframe snippet as text (rendered by course/embed_snippet.jte), or null
 * @param qr    the link's QR code, or null (no link, or a link too long for a QR code)
 */
public record CoursePage(List<LabPage.Choice> scenarios, String pasted, List<LabPage.Choice> locks, String title, String note,
                         List<LabPage.Choice> languages, String link, String embed, QrCode qr, List<Preset> presets) {
    public CoursePage {
        presets = List.copyOf(presets);
    }

    /** A scenario's ready-made course link in each language: its title and instruction in the reader's language. */
    public record Preset(String scenario, String title, String note, List<PresetLink> links) {
        public Preset {
            links = List.copyOf(links);
        }
    }

    /** One language's link: the language's own name, its HTML lang code, the absolute link. */
    public record PresetLink(String language, String lang, String link) {}
}
