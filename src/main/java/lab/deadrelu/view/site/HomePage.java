package lab.deadrelu.view.site;

import java.util.List;

/**
 * The model of templates/site/home.jte.
 *
 * @param classCode the class a student joined and now picks a scenario for ("" for none): the cards open it in that class
 */
public record HomePage(List<ScenarioCard> scenarios, String classCode) {

    public HomePage(List<ScenarioCard> scenarios) {
        this(scenarios, "");
    }
}
