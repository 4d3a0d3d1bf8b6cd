package lab.deadrelu.view.lab;

import java.util.List;

/**
 * The teaching side panels of the lab: a certificate card per neuron that is dead or saturated now,
 * the post's remedies as one-click actions, and the sentence the screen-reader announcer holds.
 *
 * @param cards        one per dead or saturated neuron (at most the 64 most recently dead), by layer and neuron
 * @param total        how many neurons are dead or saturated now (cards may hold fewer)
 * @param announcement what the aria-live region says: the latest state changes, "" when none happened since the page opened
 */
public record DeathCertificates(List<Card> cards, int total, Remedies remedies, String announcement) {
    /** Up to this many neurons get a card each; more become a table with each certificate on demand (a deep network's page stays short). */
    public static final int CARDS_IN_FULL = 4;

    public DeathCertificates {
        cards = List.copyOf(cards);
    }

    /** True when the certificates are shown as a table (neuron, state, since, cause), each opened on demand. */
    public boolean compact() {
        return cards.size() > CARDS_IN_FULL;
    }

    /**
     * One neuron's certificate.
     *
     * @param id         its element id, stable while the run plays ("cert-2-10" for h₁₀⁽²⁾), so an opened one stays open
     * @param neuron     its name, h₁⁽²⁾
     * @param state      its state's code (the css class): dead, permanently-dead, saturated
     * @param stateName  the state in words
     * @param since      the step it has been in that state since, or null when not known (saturated, or too long ago)
     * @param cause      why, in a few words ("killed by the update of step 8")
     * @param heading    "h₁⁽²⁾: permanently dead since step 8"
     * @param text       the certificate: sentences with the numbers
     * @param focusLink  the lab link focusing it (and marking its death step)
     * @param focusLabel the link's words
     * @param focused    whether it is the neuron in focus now
     * @param focusAction the control that does what focusLink does, in place (htmx: no page load)
     * @param detailsUrl where the compact table fetches the text and the focus link when the reader opens the row
     */
    public record Card(String id, String neuron, String state, String stateName, Long since, String cause, String heading,
                       String text, String focusLink, String focusLabel, boolean focused, String focusAction, String detailsUrl) {}

    /**
     * The remedies: each a POST to actions + "/" + action.
     *
     * @param lr        λ now, as shown
     * @param lowerLr   λ/10, the value the "lower" and "restart" buttons send
     * @param dead      dead neurons now (what "re-draw the dead" would re-draw)
     * @param switches  the activations to switch to (value: act code, label: its name)
     * @param locks     the controls the teacher locked (see Course.LOCKS): their remedies are disabled and say so
     * @param advice    the post's advice to lower λ as well, when a re-initialization kept the λ that killed a neuron; else null
     */
    public record Remedies(String actions, boolean diverged, String lr, String lowerLr, int dead,
                           List<LabPage.Choice> switches, List<String> locks, String advice) {
        public Remedies {
            switches = List.copyOf(switches);
            locks = List.copyOf(locks);
        }

        /** True when the teacher locked this control in the link (see Course.LOCKS): its remedy is disabled too. */
        public boolean locked(String control) {
            return locks.contains(control);
        }
    }
}
