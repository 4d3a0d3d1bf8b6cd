package lab.deadrelu.view;

/** Where the layout finds its stylesheet, icon and scripts: absolute paths, base path included. */
public record Assets(String css, String chartsCss, String icon, String htmx, String htmxSse, String labJs, String experimentsCss) {}
