package lab.deadrelu.view.compare;

import java.util.List;

/**
 * The lab's "Compare with…" links: the run on screen as A, a variant of it as B, both at the current step.
 * newTab: the lab is embedded, and the compare page opens beside the frame (see {@link Ui#opensTab}).
 */
public record CompareMenu(List<Variant> variants, boolean newTab) {

    /**
     * `id` names the variant (lower-lr, seed, act-leaky, ...); `href` opens the compare page; `locked`
     * says why it is not offered when the teacher locked what it changes ("locked by your teacher"), else null.
     */
    public record Variant(String id, String label, String href, String locked) {}
}
