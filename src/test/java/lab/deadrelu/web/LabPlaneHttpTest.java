package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The input plane on the lab page: a tile per hidden neuron over two inputs, a slice through the others
 * at the focused sample, the pair of inputs in the link (plane=u.v) and chosen in place, bad choices refused.
 */
class LabPlaneHttpTest extends LabTestBase {
    private static final Pattern TILE = Pattern.compile("<a class=\"plane-tile ([a-z-]+)( focused)?\" href=\"[^\"]*\" hx-post=\"[^\"]*\" hx-target=\"#controls\""
            + " title=\"([^\"]*)\"[^>]*><svg class=\"plane-svg\"[^>]*><image href=\"data:image/png;base64,[A-Za-z0-9+/=]+\"[^>]*/>(.*?)</svg>"
            + "<span class=\"plane-name\">([^<]*)</span>");

    record Tile(String state, boolean focused, String title, String drawing, String name) {
        long dots(String kind) {
            return Pattern.compile("<circle class=\"" + kind + "\"").matcher(drawing).results().count();
        }

        boolean hasBoundary() {
            return drawing.contains("<line class=\"plane-boundary\"");
        }
    }

    static List<Tile> tiles(String region) {
        List<Tile> tiles = new ArrayList<>();
        Matcher m = TILE.matcher(region);
        while (m.find()) tiles.add(new Tile(m.group(1), m.group(2) != null, m.group(3), m.group(4), m.group(5)));
        return tiles;
    }

    static void assertContains(String body, String part) {
        assertTrue(body.contains(part), "\n expected to find: " + part + "\n in\n" + body);
    }

    @Test
    void case1s_born_dead_neuron_is_a_dark_tile_with_every_sample_on_its_dark_side_and_no_boundary_in_the_square() {
        List<Tile> tiles = tiles(open("/lab?scenario=case-1").region("plane-now"));
        assertEquals(List.of("h₁⁽¹⁾", "h₂⁽¹⁾", "h₁⁽²⁾", "h₂⁽²⁾"), tiles.stream().map(Tile::name).toList());
        Tile dead = tiles.get(0);
        assertTrue(dead.focused());
        assertEquals("permanently-dead", dead.state());
        assertEquals(8, dead.dots("off"));
        assertEquals(0, dead.dots("on"));
        assertFalse(dead.hasBoundary(), "all three weights negative and x ≥ 0: z ≤ 0 on the whole slice");
        assertEquals("h₁⁽¹⁾: permanently dead, active on 0 of 8 samples. Its boundary line does not cross the square.", dead.title());
        Tile alive = tiles.get(1);
        assertEquals("active", alive.state());
        assertTrue(alive.dots("on") > 0);
    }

    @Test
    void case2s_tiles_show_the_killed_neuron_dark_the_first_layers_boundaries_and_where_the_slice_lies() {
        Opened lab = open("/lab?scenario=case-2&at=8");
        String plane = lab.region("plane");
        assertContains(plane, "<h2 class=\"chart-title\" id=\"plane-heading\">Each neuron over the input plane</h2>");
        String now = lab.region("plane-now");
        assertTrue(now.matches("(?s)\\s*<p class=\"plane-slice\">A slice through the other inputs at sample \\d: x₃ = [0-9.]+\\. Each dot keeps its sample’s own state\\..*"), now);
        List<Tile> tiles = tiles(now);
        assertEquals(4, tiles.size());
        Tile killed = tiles.get(2);
        assertEquals("h₁⁽²⁾", killed.name());
        assertEquals("permanently-dead", killed.state());
        assertEquals(8, killed.dots("off"));
        assertTrue(tiles.get(0).hasBoundary() && tiles.get(1).hasBoundary(), "the first layer's lines cross the square at step 8");
        assertFalse(killed.hasBoundary(), "a second-layer neuron has no straight boundary");
        for (Tile t : tiles) assertEquals(8, t.dots("on") + t.dots("off"));
        assertContains(plane, "aria-current=\"true\">x₁ · x₂</a>");
    }

    /** The distinct colours of a tile's picture, decoded from its data: URI. */
    static java.util.Set<Integer> colours(String region, String neuron) throws java.io.IOException {
        Matcher m = Pattern.compile("<image href=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"[^>]*/>(?:(?!<span).)*<span class=\"plane-name\">" + neuron + "</span>")
                .matcher(region);
        assertTrue(m.find(), neuron);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(m.group(1))));
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) for (int x = 0; x < image.getWidth(); x++) colours.add(image.getRGB(x, y) & 0xffffff);
        return colours;
    }

    @Test
    void in_the_plane_scenarios_the_dead_neurons_tile_is_dark_all_over_and_case_2s_goes_dark_at_step_8() throws java.io.IOException {
        String one = open("/lab?scenario=plane-case-1&at=8").region("plane-now");
        assertFalse(one.contains("plane-slice"), "two inputs: the square itself, no slice");
        Tile born = tiles(one).get(0);
        assertEquals("h₁⁽¹⁾", born.name());
        assertEquals(8, born.dots("off"));
        assertFalse(born.hasBoundary());
        assertEquals(java.util.Set.of(0x1f242b), colours(one, "h₁⁽¹⁾"), "dark on every cell");
        assertTrue(colours(one, "h₂⁽¹⁾").size() > 4, "a living neuron's tile has shades");

        String before = open("/lab?scenario=plane-case-2&at=7").region("plane-now");
        Tile alive = tiles(before).get(2);
        assertEquals("h₁⁽²⁾", alive.name());
        assertEquals("active", alive.state());
        assertTrue(alive.dots("on") > 0);
        String after = open("/lab?scenario=plane-case-2&at=8").region("plane-now");
        Tile dead = tiles(after).get(2);
        assertEquals("permanently-dead", dead.state());
        assertEquals(8, dead.dots("off"));
        assertEquals(java.util.Set.of(0x1f242b), colours(after, "h₁⁽²⁾"));
    }

    @Test
    void the_plane_parameter_picks_the_inputs_on_the_axes_and_stays_in_the_link() {
        Opened lab = open("/lab?scenario=case-2&at=8&plane=2.3");
        assertContains(lab.region("plane"), "a hidden neuron over x₂ (across) and x₃ (up)");
        assertContains(lab.region("plane"), "aria-current=\"true\">x₂ · x₃</a>");
        assertContains(lab.region("plane-now"), "at sample 8: x₁ = ");
        assertContains(lab.region("link"), "plane=2.3");
        assertFalse(open("/lab?scenario=case-2&at=8").region("link").contains("plane="), "the default is left out of the link");
    }

    @Test
    void choosing_other_inputs_in_place_changes_the_link_and_a_bad_choice_is_refused() {
        Opened lab = open("/lab?scenario=case-2&at=8");
        HttpResponse<String> r = htmx(lab.actions() + "/plane", "plane", "1.3");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("/lab?scenario=case-2&at=8&plane=1.3", r.headers().firstValue("HX-Replace-Url").orElseThrow());
        assertEquals("/lab?scenario=case-2&at=8", htmx(lab.actions() + "/plane", "plane", "1.2").headers().firstValue("HX-Replace-Url").orElseThrow());
        HttpResponse<String> bad = htmx(lab.actions() + "/plane", "plane", "3.3");
        assertEquals(400, bad.statusCode());
        assertContains(bad.body(), "plane");
        assertContains(bad.body(), "two different inputs");
    }

    @Test
    void a_link_with_a_plane_outside_the_networks_inputs_gets_a_clear_400() {
        for (String plane : new String[] {"1.1", "1.4", "x", "2"}) {
            HttpResponse<String> r = get("/lab?scenario=case-2&plane=" + plane);
            assertEquals(400, r.statusCode(), plane);
            assertContains(r.body(), "plane");
            assertContains(r.body(), "two different inputs, 1-based");
        }
    }

    @Test
    void a_network_of_one_input_has_no_plane_and_a_large_one_draws_the_focused_neuron_alone() {
        assertFalse(open("/lab?scenario=healthy&layers=1-2-2-1").body().contains("id=\"plane\""));
        Opened deep = open("/lab?scenario=deep-net-works-anyway");
        List<Tile> tiles = tiles(deep.region("plane-now"));
        assertEquals(1, tiles.size());
        assertEquals("h₁₀⁽²⁾", tiles.get(0).name());
        assertContains(deep.region("plane"), "96 hidden neurons: only the focused one is drawn (each gets a tile in networks of up to 16).");
    }

    @Test
    void the_plane_speaks_chinese_too() {
        Opened zh = open("/lab?scenario=case-2&at=8&lang=zh");
        assertContains(zh.region("plane"), "每个神经元在输入平面上的样子");
        assertContains(zh.region("plane-now"), "其余输入取样本 8 的值（x₃ = ");
        assertContains(zh.region("plane-now"), "title=\"h₁⁽²⁾：永久死亡，在 8 个样本中的 0 个上激活。\"");
    }
}
