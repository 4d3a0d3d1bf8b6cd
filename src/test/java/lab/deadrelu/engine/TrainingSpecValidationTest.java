package lab.deadrelu.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad value is refused with an InvalidParameter that names the parameter (the web layer turns it into a 400). */
class TrainingSpecValidationTest {

    static int[] hidden(int inputs, int layers, int width) {
        int[] l = new int[layers + 2];
        l[0] = inputs;
        for (int i = 1; i <= layers; i++) l[i] = width;
        l[layers + 1] = 1;
        return l;
    }

    static Arguments bad(String what, String parameter, Function<SpecBuilder, SpecBuilder> change) {
        return Arguments.of(what, parameter, change);
    }

    static Stream<Arguments> badSpecs() {
        return Stream.of(
                bad("a hidden layer of 0 neurons", "layers", b -> b.layers(3, 0, 1)),
                bad("a hidden layer of 1000 neurons", "layers", b -> b.layers(3, 1000, 1)),
                bad("a hidden layer of 65 neurons", "layers", b -> b.layers(3, 2, 65, 1)),
                bad("a negative width", "layers", b -> b.layers(3, -2, 1)),
                bad("9 hidden layers", "layers", b -> b.layers(hidden(3, 9, 2))),
                bad("no hidden layer", "layers", b -> b.layers(3, 1)),
                bad("9 inputs", "layers", b -> b.layers(9, 2, 1)),
                bad("0 inputs", "layers", b -> b.layers(0, 2, 1)),
                bad("two outputs", "layers", b -> b.layers(3, 2, 2)),
                bad("lr 0", "lr", b -> b.lr(0)),
                bad("lr -0.1", "lr", b -> b.lr(-0.1)),
                bad("lr NaN", "lr", b -> b.lr(Double.NaN)),
                bad("lr +infinity", "lr", b -> b.lr(Double.POSITIVE_INFINITY)),
                bad("lr -infinity", "lr", b -> b.lr(Double.NEGATIVE_INFINITY)),
                bad("lr just above 1e6", "lr", b -> b.lr(Math.nextUp(1e6))),
                bad("lr 1e300", "lr", b -> b.lr(1e300)),
                bad("n 0", "n", b -> b.n(0).batch(1)),
                bad("n 10001", "n", b -> b.n(10_001)),
                bad("n -8", "n", b -> b.n(-8)),
                bad("batch larger than n", "batch", b -> b.n(8).batch(9)),
                bad("batch 0", "batch", b -> b.batch(0)),
                bad("11 explicit weights for 3-2-2-1", "w", b -> b.weights(new double[11])),
                bad("13 explicit weights for 3-2-2-1", "w", b -> b.weights(new double[13])),
                bad("no explicit weights", "w", b -> b.weights()),
                bad("weights given with init he", "w", b -> { b.weights = new double[12]; b.init = Initializer.HE; return b; }),
                bad("a NaN weight", "w", b -> b.weights(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Double.NaN)),
                bad("an infinite weight", "w", b -> b.weights(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Double.POSITIVE_INFINITY)),
                bad("a weight of 2e6", "w", b -> b.weights(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2e6)),
                bad("alpha 0", "alpha", b -> b.act(Activation.LEAKY, 0)),
                bad("alpha NaN", "alpha", b -> b.act(Activation.ELU, Double.NaN)),
                bad("alpha 11", "alpha", b -> b.act(Activation.LEAKY, 11)),
                bad("init scale 0", "scale", b -> b.init(Initializer.UNIFORM).initScale(0)),
                bad("init scale NaN", "scale", b -> b.initScale(Double.NaN)),
                bad("init scale 101", "scale", b -> b.initScale(101)),
                bad("noise -0.1", "noise", b -> b.noise(-0.1)),
                bad("noise NaN", "noise", b -> b.noise(Double.NaN)),
                bad("noise 11", "noise", b -> b.noise(11)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badSpecs")
    void badValueIsRefusedNamingTheParameter(String what, String parameter, Function<SpecBuilder, SpecBuilder> change) {
        InvalidParameter e = assertThrows(InvalidParameter.class, () -> change.apply(SpecBuilder.post()).build());
        assertEquals(parameter, e.parameter, e.getMessage());
        assertTrue(e.getMessage().startsWith(parameter + " = '"), e.getMessage());
        assertTrue(e.getMessage().contains(parameter + " must be "), e.getMessage());
        assertTrue(e.allowed != null && !e.allowed.isBlank());
        assertTrue(e.value.length() <= 43, "the echoed value is clipped: " + e.value);
    }

    static Stream<Arguments> boundarySpecs() {
        return Stream.of(
                Arguments.of("8 inputs, 8 hidden layers of 64", (Function<SpecBuilder, SpecBuilder>) b -> b.layers(hidden(8, 8, 64))),
                Arguments.of("1 input, 1 hidden neuron", (Function<SpecBuilder, SpecBuilder>) b -> b.layers(1, 1, 1)),
                Arguments.of("lr exactly 1e6", (Function<SpecBuilder, SpecBuilder>) b -> b.lr(1e6)),
                Arguments.of("the smallest positive lr", (Function<SpecBuilder, SpecBuilder>) b -> b.lr(Double.MIN_VALUE)),
                Arguments.of("n 10000, full batch", (Function<SpecBuilder, SpecBuilder>) b -> b.n(10_000).batch(10_000)),
                Arguments.of("n 1", (Function<SpecBuilder, SpecBuilder>) b -> b.n(1).batch(1)),
                Arguments.of("12 explicit weights", (Function<SpecBuilder, SpecBuilder>) b -> b.weights(new double[12])),
                Arguments.of("explicit weights of +-1e6", (Function<SpecBuilder, SpecBuilder>) b -> b.weights(
                        1e6, -1e6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                Arguments.of("alpha 10, noise 10, scale 100", (Function<SpecBuilder, SpecBuilder>) b -> b.act(Activation.ELU, 10)
                        .noise(10).init(Initializer.UNIFORM).initScale(100)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundarySpecs")
    void valueOnTheBoundaryIsAccepted(String what, Function<SpecBuilder, SpecBuilder> change) {
        TrainingSpec spec = assertDoesNotThrow(() -> change.apply(SpecBuilder.post()).build());
        Training t = new Training(spec);
        assertEquals(spec.n(), t.data().size());
    }

    @Test
    void trainingInterventionsValidateToo() {
        Training t = new Training(SpecBuilder.post().build());
        for (double lr : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 2e6}) {
            InvalidParameter e = assertThrows(InvalidParameter.class, () -> t.setLearningRate(lr));
            assertEquals("lr", e.parameter);
        }
        assertEquals(0.05, t.lr());
        for (double alpha : new double[] {0, Double.NaN, 10.5}) {
            InvalidParameter e = assertThrows(InvalidParameter.class, () -> t.setActivation(Activation.LEAKY, alpha));
            assertEquals("alpha", e.parameter);
        }
        assertEquals(Activation.RELU, t.network().activation());
        assertEquals("lr", assertThrows(InvalidParameter.class, () -> t.spec().withLr(0)).parameter);
    }

    @Test
    void unknownCodesAreRefusedNamingTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Activation.fromCode("tanh")).getMessage().startsWith("act must be"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Initializer.fromCode("ones")).getMessage().startsWith("init must be"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Target.fromCode("cos")).getMessage().startsWith("data must be"));
        for (Activation a : Activation.values()) assertEquals(a, Activation.fromCode(a.code));
        for (Initializer i : Initializer.values()) assertEquals(i, Initializer.fromCode(i.code));
        for (Target x : Target.values()) assertEquals(x, Target.fromCode(x.code));
    }

    @Test
    void aLongBadValueIsClippedInTheMessage() {
        InvalidParameter e = new InvalidParameter("w", "9".repeat(500), "short");
        assertEquals("9".repeat(40) + "...", e.value);
        assertTrue(e.getMessage().length() < 120, e.getMessage());
    }

    /** A spec is a value (it is what a link encodes): it copies its arrays and compares by content. */
    @Test
    void specIsAValueThatCopiesItsArrays() {
        int[] layers = {3, 2, 2, 1};
        double[] w = new double[12];
        TrainingSpec a = SpecBuilder.post().layers(layers).weights(w).build();
        layers[1] = 5;
        w[0] = 1;
        assertEquals(2, a.layers()[1]);
        assertEquals(0.0, a.weights()[0]);
        TrainingSpec b = SpecBuilder.post().layers(3, 2, 2, 1).weights(new double[12]).build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, b.withLr(0.1));
        assertNotEquals(a, b.withSeed(8));
        assertEquals("3-2-2-1", a.shape());
        assertEquals(12, TrainingSpec.weightCount(a.layers()));
        assertEquals(2, a.hiddenLayers());
    }
}
