package lab.deadrelu.view;

import java.util.List;

/** The model of templates/pages/home.jte. */
public record HomePage(List<ScenarioCard> scenarios) {}
