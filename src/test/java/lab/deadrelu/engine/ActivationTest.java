package lab.deadrelu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The activations and their derivatives, as the README and the post define them. */
class ActivationTest {

    @Test
    void reluPassesNoGradientForNegativeZ() {
        for (double z : new double[] {-1e-300, -0.5, -3, -1e6}) {
            assertEquals(0.0, Activation.RELU.apply(z, 0.01));
            assertEquals(0.0, Activation.RELU.derivative(z, 0.01));
        }
    }

    @Test
    void reluAtExactlyZeroOutputsZeroWithDerivativeZero() {
        assertEquals(0.0, Activation.RELU.apply(0.0, 0.01));
        assertEquals(0.0, Activation.RELU.derivative(0.0, 0.01), "inactive at z = 0: the post takes ReLU'(0) = 0");
        assertEquals(0.0, Activation.RELU.derivative(-0.0, 0.01));
    }

    @Test
    void everyActivationIsTheIdentityWithSlopeOneForPositiveZ() {
        for (Activation a : Activation.values()) {
            for (double z : new double[] {1e-300, 0.25, 7}) {
                assertEquals(z, a.apply(z, a.defaultAlpha()));
                assertEquals(1.0, a.derivative(z, a.defaultAlpha()));
            }
        }
    }

    @Test
    void leakyReluKeepsASlopeOfAlphaForNegativeZ() {
        assertEquals(-0.02, Activation.LEAKY.apply(-2, 0.01), 1e-17);
        assertEquals(0.01, Activation.LEAKY.derivative(-2, 0.01));
        assertEquals(0.3, Activation.LEAKY.derivative(0.0, 0.3));
        assertEquals(0.0, Activation.LEAKY.apply(0.0, 0.3));
    }

    @Test
    void eluFollowsAlphaTimesExpMinusOneAndItsDerivative() {
        for (double z : new double[] {-0.001, -1, -5, -40}) {
            assertEquals(2.0 * (Math.exp(z) - 1), Activation.ELU.apply(z, 2.0), 1e-15);
            assertEquals(2.0 * Math.exp(z), Activation.ELU.derivative(z, 2.0), 1e-15);
            assertTrue(Activation.ELU.derivative(z, 1.0) > 0, "ELU always passes some gradient");
        }
        assertEquals(-1.0, Activation.ELU.apply(-800, 1.0), "saturates at -alpha");
        assertEquals(0.0, Activation.ELU.apply(0.0, 1.0));
        assertEquals(1.0, Activation.ELU.derivative(0.0, 1.0));
    }

    @Test
    void onlyReluCanDieAndTheDefaultsAreTheDesignsOnes() {
        assertTrue(Activation.RELU.canDie());
        assertFalse(Activation.LEAKY.canDie());
        assertFalse(Activation.ELU.canDie());
        assertEquals(0.01, Activation.LEAKY.defaultAlpha());
        assertEquals(1.0, Activation.ELU.defaultAlpha());
        assertTrue(NeuronState.DEAD.isDead());
        assertTrue(NeuronState.PERMANENTLY_DEAD.isDead());
        assertFalse(NeuronState.SATURATED.isDead());
        assertFalse(NeuronState.ACTIVE.isDead());
    }

    /** The finite-difference view of the kink: the derivative the engine uses is the one-sided slope it has. */
    @Test
    void derivativesMatchFiniteDifferencesAwayFromZero() {
        double h = 1e-6;
        for (Activation a : Activation.values()) {
            double alpha = a == Activation.LEAKY ? 0.2 : 1.5;
            for (double z : new double[] {-3, -0.4, -0.01, 0.01, 0.5, 2}) {
                double fd = (a.apply(z + h, alpha) - a.apply(z - h, alpha)) / (2 * h);
                assertEquals(fd, a.derivative(z, alpha), 1e-8, a + " at " + z);
            }
        }
    }
}
