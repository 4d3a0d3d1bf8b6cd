package lab.deadrelu.sim;

/**
 * The page a simulation was opened from, as its frames must be written: the language (and whether the
 * link chose it), the page's path and query, and whether it is embedded. The ticker renders frames with
 * no request at hand, so the simulation keeps this; the web layer turns it back into the page's words.
 */
public record Viewer(String lang, String path, String query, boolean langFromQuery, boolean embed) {}
