package lab.deadrelu.web;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The last rendering of each region of one watched simulation (kept while someone watches it; see
 * {@link Streams}). A region whose view (a record: equal when it shows the same) did not change is
 * not rendered again, and a frame published while the run plays carries only the regions whose HTML
 * changed since the last one published: a watcher gets what changed on screen, not the page again.
 * <p>
 * Links in a region carry the step on screen (at=N, so that a link opened elsewhere shows the same
 * step); a region that changed only there is not sent again: lab.js brings such a link's step up to
 * date from the link region (sent with every frame) before it is followed or copied.
 */
final class Regions {
    /** at=N in a link, as written in HTML (after ? or &amp;) or encoded inside another link's parameter (compare's a=...%26at%3DN). */
    private static final Pattern STEP_IN_LINK = Pattern.compile("(?<=[?;]|%26|%3F)at(=|%3D)\\d+");

    private record Entry(Object view, String html) {}

    private final Map<String, Entry> last = new HashMap<>();
    /** Per region: its HTML as last published while playing, with the steps in links blanked. */
    private final Map<String, String> published = new HashMap<>();

    /** The region's HTML for `view`: the last rendering when the view is the same, else `render`'s. */
    synchronized String html(String region, Object view, Supplier<String> render) {
        Entry e = last.get(region);
        if (e != null && java.util.Objects.equals(e.view(), view)) return e.html();
        String html = render.get();
        last.put(region, new Entry(view, html));
        return html;
    }

    /**
     * Renders `template` with `params` into `frame` as region `name`; with `regions` (a watched
     * simulation's), only when `view`, what the region shows, changed since its last rendering.
     */
    static void put(Map<String, String> frame, Regions regions, JteRenderer renderer, String name, String template, Object view,
                    Map<String, Object> params) {
        frame.put(name, regions == null ? renderer.render(template, params) : regions.html(name, view, () -> renderer.render(template, params)));
    }

    /**
     * The regions of `all` that differ from what was last published other than in their links' steps;
     * `always` go in any case (the status line, and the link the address bar follows). Counts them as published.
     */
    synchronized Frame news(Frame all, String... always) {
        Map<String, String> changed = new LinkedHashMap<>();
        for (Map.Entry<String, String> f : all.fragments().entrySet()) {
            String blanked = blankSteps(f.getValue());
            boolean forced = false;
            for (String a : always) forced |= a.equals(f.getKey());
            if (forced || !blanked.equals(published.get(f.getKey()))) changed.put(f.getKey(), f.getValue());
            published.put(f.getKey(), blanked);
        }
        return new Frame(all.version(), changed);
    }

    /** Everything was just sent (a control, a new watcher's first frame, a stop): the next news starts from it. */
    synchronized void sent(Frame all) {
        for (Map.Entry<String, String> f : all.fragments().entrySet()) published.put(f.getKey(), blankSteps(f.getValue()));
    }

    static String blankSteps(String html) {
        return html.indexOf("at") < 0 ? html : STEP_IN_LINK.matcher(html).replaceAll("at$1_");
    }
}
