package lab.deadrelu.view.site;

/**
 * The model of templates/site/error.jte.
 *
 * @param problem   what was wrong with a parameter, for a 400; null otherwise
 * @param nextHref  where to go from here (the home page, or a sensible default run)
 * @param nextLabel the words of that link
 */
public record ErrorPage(int status, String title, String message, ParameterProblem problem, String nextHref, String nextLabel) {

    /** A parameter that was refused: its name, the value sent and what would have been accepted. */
    public record ParameterProblem(String parameter, String value, String allowed) {}
}
