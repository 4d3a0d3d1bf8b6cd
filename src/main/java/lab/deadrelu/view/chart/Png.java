package lab.deadrelu.view.chart;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A small indexed-colour PNG (one byte per pixel, a palette of up to 256 colours), written by hand:
 * the format is a signature and four chunks, and a tile of a few hundred pixels needs nothing more.
 * Deterministic: the same pixels give the same bytes.
 */
public final class Png {
    private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};

    private Png() {}

    /** The PNG of a `width` x `height` image, `pixels[row * width + col]` indexing `palette` (0xRRGGBB). */
    public static byte[] indexed(int width, int height, byte[] pixels, int[] palette) {
        if (pixels.length != width * height || palette.length == 0 || palette.length > 256) throw new IllegalArgumentException("pixels or palette");
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + pixels.length / 4);
        out.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8;   // bits per index
        header[9] = 3;   // colour type 3: indexed; compression, filter and interlace stay 0
        chunk(out, "IHDR", header);
        byte[] plte = new byte[palette.length * 3];
        for (int k = 0; k < palette.length; k++) {
            plte[3 * k] = (byte) (palette[k] >> 16);
            plte[3 * k + 1] = (byte) (palette[k] >> 8);
            plte[3 * k + 2] = (byte) palette[k];
        }
        chunk(out, "PLTE", plte);
        byte[] raw = new byte[height * (width + 1)];   // each row: filter type 0 (none), then its indices
        for (int row = 0; row < height; row++) System.arraycopy(pixels, row * width, raw, row * (width + 1) + 1, width);
        chunk(out, "IDAT", deflate(raw));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** The same as a data: URI, for an SVG image's href. */
    public static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    private static byte[] deflate(byte[] raw) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            d.setInput(raw);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
            byte[] buf = new byte[1024];
            while (!d.finished()) out.write(buf, 0, d.deflate(buf));
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    /** length, type, data, CRC-32 of type and data */
    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        byte[] n = new byte[4];
        putInt(n, 0, data.length);
        out.writeBytes(n);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        putInt(n, 0, (int) crc.getValue());
        out.writeBytes(n);
    }

    private static void putInt(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 24);
        b[at + 1] = (byte) (value >>> 16);
        b[at + 2] = (byte) (value >>> 8);
        b[at + 3] = (byte) value;
    }
}
