package lab.deadrelu.view.chart;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A QR code as geometry for templates/chart/qr_code.jte: a square of `size` modules (the
 * quiet zone included) and the dark modules as horizontal runs, one rectangle each.
 */
public record QrCode(String text, int size, List<Run> runs) {
    /** Modules of white around the symbol, as the standard asks. */
    public static final int QUIET = 4;

    /** Dark modules from (x, y), `width` long. */
    public record Run(int x, int y, int width) {}

    public static QrCode of(String text) {
        ByteMatrix m;
        try {
            m = Encoder.encode(text, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8")).getMatrix();
        } catch (WriterException e) {
            throw new IllegalArgumentException("too long for a QR code: " + text.length() + " characters", e);
        }
        List<Run> runs = new ArrayList<>();
        for (int y = 0; y < m.getHeight(); y++) {
            int x = 0;
            while (x < m.getWidth()) {
                if (m.get(x, y) != 1) { x++; continue; }
                int start = x;
                while (x < m.getWidth() && m.get(x, y) == 1) x++;
                runs.add(new Run(start + QUIET, y + QUIET, x - start));
            }
        }
        return new QrCode(text, m.getWidth() + 2 * QUIET, List.copyOf(runs));
    }
}
