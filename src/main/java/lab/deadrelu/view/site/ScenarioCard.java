package lab.deadrelu.view.site;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import lab.deadrelu.scenario.Scenario;

/**
 * One scenario as the home page (and /api/scenarios) shows it: its words, its setup in a few short
 * items ("3-2-2-1", "ReLU", "step size λ = 0.9") and the link that opens it in the lab.
 */
public record ScenarioCard(String id, String title, String summary, List<String> setup, String href) {

    public static ScenarioCard of(Scenario s, Ui ui) {
        return of(s, ui, null);
    }

    /** With `classCode` (or null): the card's link opens the scenario in that class. */
    public static ScenarioCard of(Scenario s, Ui ui, String classCode) {
        String lr = BigDecimal.valueOf(s.spec.lr()).stripTrailingZeros().toPlainString();
        List<String> setup = List.of(s.spec.shape(), ui.t("activation." + s.spec.act().code), ui.t("home.card.lr", lr));
        return new ScenarioCard(s.id, ui.t("scenario." + s.id + ".title"), ui.t("scenario." + s.id + ".summary"), setup,
                ui.link("/lab?scenario=" + s.id + (classCode == null ? "" : "&class=" + classCode)));
    }

    public static List<ScenarioCard> all(Ui ui) {
        return all(ui, null);
    }

    public static List<ScenarioCard> all(Ui ui, String classCode) {
        return Arrays.stream(Scenario.values()).map(s -> of(s, ui, classCode)).toList();
    }
}
