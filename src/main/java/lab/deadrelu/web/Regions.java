package lab.deadrelu.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Set;

/**
 * The last rendering of each region of one watched simulation (kept while someone watches it; see
 * {@link Streams}). A region whose view (a record: equal when it shows the same) did not change is
 * not rendered again, and a frame published while the run plays carries only the regions whose HTML
 * changed since the last one published: a watcher gets what changed on screen, not the page again.
 * <p>
 * Links in a region carry the step on screen (at=N, so that a link opened elsewhere shows the same
 * step); a region that changed only there is not sent again: lab.js brings such a link's step up to
 * date from the link region (sent with every frame) before it is followed or copied.
 * <p>
 * Some regions have a part that moves with each step (a chart's lines and points, the network's edges,
 * the walk's sentence) while the rest stays: the part is a region of its own, the element inside its
 * region that the page swaps with it ({@link #PART_OF}). A region is compared without its part, and a
 * frame carries the part alone while the rest stays the same; when the rest changed, the region is
 * sent whole, part included. A part's element ends its opening tag with sse-swap="name" (that is how
 * its place in the region is found).
 */
public final class Regions {
    /** Part -> the region it lies in (whose template includes the part's with the same view). */
    static final Map<String, String> PART_OF = Map.of("network-now", "network", "network-nodes", "network", "loss-now", "loss", "weights-now", "weights",
            "dead-now", "dead", "walk-now", "walk", "timeline-now", "timeline", "timeline-at", "timeline", "inspector-now", "inspector",
            "plane-now", "plane");
    /** Region -> its parts. */
    private static final Map<String, List<String>> PARTS = new HashMap<>();

    static {
        PART_OF.forEach((part, region) -> PARTS.computeIfAbsent(region, r -> new ArrayList<>()).add(part));
    }

    /**
     * Regions whose view carries no step, kept to be reused: the others' views (with links at the step on
     * screen) differ at every step, and keeping them would only cost memory (a class holds a thousand labs).
     */
    private static final Set<String> KEPT = Set.of("controls", "remedies", "announce", "differences");

    private record Entry(Object view, String html) {}

    private final Map<String, Entry> last = new HashMap<>();
    /** Per region: a 64-bit hash of its HTML as last published, the steps in its links left out. */
    private final Map<String, Long> published = new HashMap<>();
    /** Per region that changed but did not fit in a capped frame: the frame it began to wait at. */
    private final Map<String, Long> waiting = new HashMap<>();
    private long frames;

    /** The region's HTML for `view`: the last rendering when the view is the same, else `render`'s. */
    synchronized String html(String region, Object view, Supplier<String> render) {
        if (!KEPT.contains(region)) return render.get();
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
    public static void put(Map<String, String> frame, Regions regions, JteRenderer renderer, String name, String template, Object view,
                    Map<String, Object> params) {
        frame.put(name, regions == null ? renderer.render(template, params) : regions.html(name, view, () -> renderer.render(template, params)));
    }

    /**
     * The regions of `all` that differ from what was last published other than in their links' steps;
     * `always` go in any case (the status line, and the link the address bar follows). Counts them as
     * published. A part is left out when its region goes (the region holds it).
     */
    public synchronized Frame news(Frame all, String... always) {
        return news(all, Long.MAX_VALUE, always);
    }

    /**
     * The same, at most `capBytes` (UTF-8) in all: the regions that changed go longest waiting first, then
     * in page order, as many as fit; the rest wait for the next frame (they are not counted as published,
     * so they go with it, as they are then). The one waiting longest goes even when it alone is over the
     * cap, so every region gets its turn. `always` go in any case and count towards the cap.
     */
    public synchronized Frame news(Frame all, long capBytes, String... always) {
        Map<String, String> f = all.fragments();
        Map<String, Long> hashes = new HashMap<>();
        List<String> candidates = new ArrayList<>();
        Set<String> chosen = new HashSet<>();
        long bytes = 0;
        for (String name : f.keySet()) {
            long h = hash(all, name);
            hashes.put(name, h);
            Long before = published.get(name);
            if (Arrays.asList(always).contains(name)) {
                chosen.add(name);
                bytes += Frame.utf8Bytes(f.get(name));
            } else if (before == null || before != h) {
                candidates.add(name);
            } else {
                waiting.remove(name);
            }
        }
        frames++;
        for (String name : candidates) waiting.putIfAbsent(name, frames);
        candidates.sort(Comparator.comparingLong(waiting::get));   // stable: page order among equals
        boolean any = false;
        for (String name : candidates) {
            String region = PART_OF.get(name);
            if (region != null && chosen.contains(region)) {   // inside its region, which goes
                chosen.add(name);
                continue;
            }
            long size = Frame.utf8Bytes(f.get(name));
            if (any && bytes + size > capBytes) continue;
            any = true;
            chosen.add(name);
            bytes += size;
            for (String part : PARTS.getOrDefault(name, List.of()))
                if (candidates.contains(part)) chosen.add(part);   // goes inside
        }
        Map<String, String> changed = new LinkedHashMap<>();
        for (String name : f.keySet()) {
            if (!chosen.contains(name)) continue;
            published.put(name, hashes.get(name));
            waiting.remove(name);
            String region = PART_OF.get(name);
            if (region == null || !chosen.contains(region)) changed.put(name, f.get(name));
        }
        return new Frame(all.version(), changed);
    }

    /** Everything was just sent (a control, a new watcher's first frame, a stop): the next news starts from it. */
    public synchronized void sent(Frame all) {
        for (String name : all.fragments().keySet()) published.put(name, hash(all, name));
        waiting.clear();
    }

    /** The frame without the parts whose regions it holds (they are inside them): what a watcher needs of it. */
    public static Frame whole(Frame all) {
        Map<String, String> f = all.fragments();
        boolean parts = false;
        for (String name : f.keySet()) parts |= f.containsKey(PART_OF.getOrDefault(name, ""));
        if (!parts) return all;
        Map<String, String> whole = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : f.entrySet())
            if (!f.containsKey(PART_OF.getOrDefault(e.getKey(), ""))) whole.put(e.getKey(), e.getValue());
        return new Frame(all.version(), whole);
    }

    /** The region's hash without its links' steps, and without its parts (those the frame has, where the page swaps them). */
    static long hash(Frame all, String name) {
        String html = all.fragments().get(name);
        List<int[]> skips = new ArrayList<>();
        for (String part : PARTS.getOrDefault(name, List.of())) {
            String partHtml = all.fragments().get(part);
            if (partHtml == null) continue;
            String slot = "sse-swap=\"" + part + "\">";
            int at = html.indexOf(slot);
            if (at >= 0 && html.startsWith(partHtml, at + slot.length()))
                skips.add(new int[] {at + slot.length(), at + slot.length() + partHtml.length()});
        }
        skips.sort(Comparator.comparingInt(r -> r[0]));
        return withoutSteps(html, skips);
    }

    /**
     * A 64-bit FNV-1a hash of `html` with the digits of each at=N in a link left out: after "?" or "&amp;"
     * in HTML, or encoded inside another link's parameter ("%26at%3DN", "%3Fat%3DN"). One pass, nothing
     * allocated; two different regions hash alike about once in 2^64 comparisons.
     */
    static long withoutSteps(String html) {
        return withoutSteps(html, List.of());
    }

    /** The same, with the characters of each range {from, to (exclusive)} left out; the ranges in order, apart. */
    static long withoutSteps(String html, List<int[]> skips) {
        long h = 0xcbf29ce484222325L;
        int n = html.length(), next = 0;
        for (int i = 0; i < n; i++) {
            if (next < skips.size() && i == skips.get(next)[0]) {
                i = skips.get(next++)[1] - 1;
                continue;
            }
            char c = html.charAt(i);
            h = (h ^ c) * 0x100000001b3L;
            int digits = stepAt(html, i + 1);
            if (digits > 0) {
                for (int k = i + 1; k < digits; k++) h = (h ^ html.charAt(k)) * 0x100000001b3L;   // "at=" or "at%3D" itself
                i = digits - 1;
                while (i + 1 < n && Character.isDigit(html.charAt(i + 1))) i++;
            }
        }
        return h;
    }

    /** Where the digits of a link's step begin when "at=" or "at%3D" starts at `i` after a link's separator; else 0. */
    private static int stepAt(String html, int i) {
        if (!html.startsWith("at", i) || i == 0) return 0;
        char before = html.charAt(i - 1);
        boolean separated = before == '?' || before == ';' || (i >= 3 && (html.startsWith("%26", i - 3) || html.startsWith("%3F", i - 3)));
        if (!separated) return 0;
        if (html.startsWith("=", i + 2)) return i + 3;
        if (html.startsWith("%3D", i + 2)) return i + 5;
        return 0;
    }
}
