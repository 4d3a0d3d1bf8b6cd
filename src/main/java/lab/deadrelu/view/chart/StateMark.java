package lab.deadrelu.view.chart;

import java.util.List;
import lab.deadrelu.engine.NeuronState;

/**
 * The one look of each neuron state, wherever a page draws one (the network diagram and its legend,
 * the home page's words, any swatch): a shape (path data around its centre, in a 20 x 20 box) and
 * the css class static/css/states.css colours. Active: a filled circle; inactive on a sample: a
 * hollow circle; dead on the data set: a square; permanently dead: a square with an X; saturated: a diamond.
 *
 * @param code  the state's name in classes and message keys: active, inactive, dead, permanently-dead, saturated
 * @param shape the outline
 * @param mark  the X drawn over it ("" for none)
 */
public record StateMark(String code, String shape, String mark) {
    private static final double R = 7;

    /** The css classes: "state state-dead". */
    public String cssClass() {
        return "state state-" + code;
    }

    public boolean hasMark() {
        return !mark.isEmpty();
    }

    public static final StateMark ACTIVE = new StateMark("active", Shapes.circle(R), "");
    public static final StateMark INACTIVE = new StateMark("inactive", Shapes.circle(R), "");
    public static final StateMark DEAD = new StateMark("dead", Shapes.square(R), "");
    public static final StateMark PERMANENTLY_DEAD = new StateMark("permanently-dead", Shapes.square(R), Shapes.cross(R));
    public static final StateMark SATURATED = new StateMark("saturated", Shapes.diamond(R), "");

    /** The mark of a state the engine reports. */
    public static StateMark of(NeuronState state) {
        return switch (state) {
            case ACTIVE -> ACTIVE;
            case DEAD -> DEAD;
            case PERMANENTLY_DEAD -> PERMANENTLY_DEAD;
            default -> SATURATED;
        };
    }

    /** By the words the home page uses (state.&lt;term&gt;.term): active, inactive, dead, permanent. */
    public static StateMark ofTerm(String term) {
        return switch (term) {
            case "active" -> ACTIVE;
            case "inactive" -> INACTIVE;
            case "dead" -> DEAD;
            case "permanent" -> PERMANENTLY_DEAD;
            case "saturated" -> SATURATED;
            default -> throw new IllegalArgumentException("no such state: " + term);
        };
    }

    public static List<StateMark> all() {
        return List.of(ACTIVE, INACTIVE, DEAD, PERMANENTLY_DEAD, SATURATED);
    }
}
