package lab.deadrelu.view;

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

    public DeathCertificates {
        cards = List.copyOf(cards);
    }

    /**
     * One neuron's certificate.
     *
     * @param state      its state's code (the css class): dead, permanently-dead, saturated
     * @param heading    "h1^(2): permanently dead since step 8"
     * @param text       the certificate: sentences with the numbers
     * @param focusLink  the lab link focusing it (and marking its death step)
     * @param focusLabel the link's words
     * @param focused    whether it is the neuron in focus now
     */
    public record Card(String neuron, String state, String heading, String text, String focusLink, String focusLabel,
                       boolean focused) {}

    /**
     * The remedies: each a POST to actions + "/" + action.
     *
     * @param lr        λ now, as shown
     * @param lowerLr   λ/10, the value the "lower" and "restart" buttons send
     * @param dead      dead neurons now (what "re-draw the dead" would re-draw)
     * @param switches  the activations to switch to (value: act code, label: its name)
     */
    public record Remedies(String actions, boolean diverged, String lr, String lowerLr, int dead,
                           List<LabPage.Choice> switches, List<String> locks) {
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
