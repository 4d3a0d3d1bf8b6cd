package lab.deadrelu.view.site;

import java.util.List;

/**
 * Where the layout finds its stylesheets, icon and scripts: absolute paths, base path included.
 * One stylesheet per part of the app (site, charts, teaching, ...), in cascade order.
 */
public record Assets(List<String> stylesheets, String icon, String htmx, String htmxSse, String labJs) {
    public Assets {
        stylesheets = List.copyOf(stylesheets);
    }
}
