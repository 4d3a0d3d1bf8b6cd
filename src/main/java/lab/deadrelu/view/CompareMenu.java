package lab.deadrelu.view;

import java.util.List;

/** The lab's "Compare with…" links: the run on screen as A, a variant of it as B, both at the current step. */
public record CompareMenu(List<Variant> variants) {

    /** `id` names the variant (lower-lr, seed, act-leaky, ...); `href` opens the compare page. */
    public record Variant(String id, String label, String href) {}
}
