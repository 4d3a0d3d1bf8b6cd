package lab.deadrelu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The input plane is the network's own hidden activations, on a grid over two inputs, the others held. */
class InputPlaneTest {

    @Test
    void every_cell_holds_the_hidden_activations_that_the_network_computes_at_that_input() {
        TrainingSpec spec = SpecBuilder.post().bias(true).act(Activation.ELU).seed(3).build();
        Training run = new Training(spec);
        run.runTo(40);
        Snapshot snap = run.snapshot();
        Network net = run.network();   // its own forward pass, Network.predict, is the reference
        double[] base = {0.3, 0.6, 0.9};
        InputPlane plane = InputPlane.of(snap, 2, 0, base, 0, 1, 7, 2);   // x3 across, x1 up, x2 held at 0.6
        double[][] z = net.unitBuffers(), a = net.unitBuffers();
        for (int row = 0; row < 7; row++) {
            for (int col = 0; col < 7; col++) {
                double[] x = {1 - (row + 0.5) / 7, 0.6, (col + 0.5) / 7};
                net.predict(x, z, a);
                for (int h = 0; h < 2; h++)
                    for (int i = 0; i < 2; i++) assertEquals(a[h][i], plane.a()[h][i][row * 7 + col], "cell " + row + "," + col);
            }
        }
    }

    @Test
    void the_first_input_runs_left_to_right_and_the_second_bottom_to_top_over_cell_centres() {
        // h1 = relu(x1), h2 = relu(x2); the second layer copies them
        TrainingSpec spec = SpecBuilder.post().layers(2, 2, 2, 1).weights(1, 0, 0, 1, 1, 0, 0, 1, 1, 1).build();
        Snapshot snap = new Training(spec).snapshot();
        InputPlane plane = InputPlane.of(snap, 0, 1, new double[2], -1, 1, 4, 1);
        double[] across = {-0.75, -0.25, 0.25, 0.75};
        for (int row = 0; row < 4; row++) {
            for (int col = 0; col < 4; col++) {
                assertEquals(Math.max(0, across[col]), plane.a()[0][0][row * 4 + col], 1e-15);
                assertEquals(Math.max(0, across[3 - row]), plane.a()[0][1][row * 4 + col], 1e-15);
            }
        }
        assertEquals(1, plane.a().length, "the layer asked for, not the one above");
        assertEquals(0.75, plane.max(0, 0), 1e-15);
    }

    @Test
    void a_plane_needs_two_different_inputs_and_one_to_all_hidden_layers() {
        Snapshot snap = new Training(SpecBuilder.post().build()).snapshot();
        assertThrows(IllegalArgumentException.class, () -> InputPlane.of(snap, 1, 1, new double[3], 0, 1, 4, 2));
        assertThrows(IllegalArgumentException.class, () -> InputPlane.of(snap, 0, 3, new double[3], 0, 1, 4, 2));
        assertThrows(IllegalArgumentException.class, () -> InputPlane.of(snap, 0, 1, new double[3], 0, 1, 4, 3));
        assertThrows(IllegalArgumentException.class, () -> InputPlane.of(snap, 0, 1, new double[3], 0, 1, 4, 0));
    }
}
