package lab.deadrelu.view.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The hand-written PNG is read back by an independent decoder (the JDK's) pixel for pixel. */
class PngTest {

    @Test
    void a_decoder_reads_back_every_pixel_in_its_palette_colour() throws IOException {
        int[] palette = {0x1f242b, 0x0b4d3c, 0xb4f2da};
        int w = 5, h = 3;
        byte[] pixels = new byte[w * h];
        for (int k = 0; k < pixels.length; k++) pixels[k] = (byte) (k * 7 % 3);
        byte[] png = Png.indexed(w, h, pixels, palette);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(w, image.getWidth());
        assertEquals(h, image.getHeight());
        for (int row = 0; row < h; row++)
            for (int col = 0; col < w; col++)
                assertEquals(palette[pixels[row * w + col]], image.getRGB(col, row) & 0xffffff, "pixel " + row + "," + col);
    }

    @Test
    void the_same_pixels_give_the_same_bytes_and_a_data_uri_of_them() {
        byte[] pixels = new byte[24 * 24];
        for (int k = 0; k < pixels.length; k++) pixels[k] = (byte) (k % 17);
        int[] palette = new int[17];
        byte[] a = Png.indexed(24, 24, pixels, palette), b = Png.indexed(24, 24, pixels.clone(), palette.clone());
        assertArrayEquals(a, b);
        String uri = Png.dataUri(a);
        assertTrue(uri.startsWith("data:image/png;base64,iVBORw0KGgo"), uri);   // the PNG signature, base64
        assertArrayEquals(a, java.util.Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1)));
    }
}
