package lab.deadrelu.view.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import lab.deadrelu.engine.InputPlane;
import org.junit.jupiter.api.Test;

/** A tile's boundary line lies where w·x + b = 0 crosses the square; its picture is dark exactly where a ≤ 0. */
class PlaneTilesTest {

    /** The unit square over inputs 0 and 1 of a 3-input network, x3 held at 0.5. */
    static final InputPlane SQUARE = new InputPlane(4, 0, 1, 0, 1, new double[] {0, 0, 0.5}, new double[0][][]);

    @Test
    void the_boundary_runs_between_the_two_edge_points_where_z_is_zero() {
        // z = x1 - x2: the diagonal from the bottom-left corner to the top-right one (y grows downwards)
        assertEquals(new PlaneTiles.Line(0, 100, 100, 0), PlaneTiles.boundary(SQUARE, new double[] {1, -1, 0}, 0));
        // z = x1 + x2 + 2·x3 - 1.5 with x3 = 0.5: x1 + x2 = 0.5, from (0, 0.5) to (0.5, 0)
        PlaneTiles.Line l = PlaneTiles.boundary(SQUARE, new double[] {1, 1, 2}, -1.5);
        assertNotNull(l);
        assertEquals(new PlaneTiles.Line(0, 50, 50, 100), l);
    }

    @Test
    void a_line_that_misses_the_square_or_only_touches_a_corner_is_not_drawn() {
        assertNull(PlaneTiles.boundary(SQUARE, new double[] {1, 1, 0}, -3));     // x1 + x2 = 3: beyond the square
        assertNull(PlaneTiles.boundary(SQUARE, new double[] {-1, -1, 0}, 0));    // case 1's dead neuron: through the corner (0, 0) only
        assertNull(PlaneTiles.boundary(SQUARE, new double[] {0, 0, 1}, 0.2));    // no slope in the plane: z is 0.7 everywhere
    }

    @Test
    void the_picture_is_dark_where_the_neuron_is_off_and_brightest_at_its_largest_output() throws IOException {
        double[][][] a = {{{0, 0.2, 0.4, 0.8}}};
        InputPlane plane = new InputPlane(2, 0, 1, 0, 1, new double[2], a);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(PlaneTiles.picture(plane, 0, 0)));
        int dark = image.getRGB(0, 0) & 0xffffff, brightest = image.getRGB(1, 1) & 0xffffff;
        assertEquals(0x1f242b, dark);
        assertEquals(0xb4f2da, brightest);
        int dim = image.getRGB(1, 0) & 0xffffff, mid = image.getRGB(0, 1) & 0xffffff;
        assertEquals(true, green(dim) < green(mid) && green(mid) < green(brightest), "brighter with a larger a");

        InputPlane dead = new InputPlane(2, 0, 1, 0, 1, new double[2], new double[][][] {{{0, 0, -0.1, 0}}});
        BufferedImage off = ImageIO.read(new ByteArrayInputStream(PlaneTiles.picture(dead, 0, 0)));
        for (int y = 0; y < 2; y++) for (int x = 0; x < 2; x++) assertEquals(0x1f242b, off.getRGB(x, y) & 0xffffff);
    }

    static int green(int rgb) {
        return rgb >> 8 & 0xff;
    }
}
