package lab.deadrelu.view;

/** Where the layout finds its stylesheet, icon and scripts: absolute paths, base path included. */
public record Assets(String css, String chartsCss, String icon, String htmx, String htmxSse, String labJs, String teachingCss) {
    /** The teaching stylesheet (data table, gradient inspector) taken to sit next to charts.css. */
    public Assets(String css, String chartsCss, String icon, String htmx, String htmxSse, String labJs) {
        this(css, chartsCss, icon, htmx, htmxSse, labJs, chartsCss.replace("charts.css", "teaching.css"));
    }
}
