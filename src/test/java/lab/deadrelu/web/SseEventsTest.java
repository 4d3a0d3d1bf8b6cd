package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** SSE events encoded by hand must be byte for byte what the JDK's UTF-8 and the SSE line rules give. */
class SseEventsTest {

    /** The reference: split on CRLF, CR or LF; one data field per line; the JDK's encoder. */
    private static byte[] reference(String name, String data) {
        String[] lines = data.split("\r\n|\r|\n", -1);
        int count = lines.length;
        if (count > 1 && lines[count - 1].isEmpty()) count--;   // a final line break ends the last line, it starts none
        StringBuilder s = new StringBuilder("event: ").append(name).append('\n');
        for (int i = 0; i < count; i++) s.append("data: ").append(lines[i]).append('\n');
        return s.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void plainTextIsOneDataLine() {
        assertEquals("event: status\ndata: <p>step 3</p>\n\n", new String(SseEvents.event("status", "<p>step 3</p>"), StandardCharsets.UTF_8));
    }

    @Test
    void everyKindOfLineBreakStartsANewDataLineAndNoneCanEndTheEventEarly() {
        assertEquals("event: x\ndata: a\ndata: b\ndata: c\ndata: \ndata: d\n\n",
                new String(SseEvents.event("x", "a\r\nb\rc\n\nd\n"), StandardCharsets.UTF_8));
    }

    @Test
    void greekChineseAndEmojiAreEncodedAsTheJdkDoes() {
        String text = "λ = 0.3 − 死亡的神经元 ŷ 🧠 h₁⁽²⁾";
        assertArrayEquals(reference("status", text), SseEvents.event("status", text));
    }

    @Test
    void randomTextOfEveryKindMatchesTheReferenceByteForByte() {
        SplittableRandom random = new SplittableRandom(6);
        char[] alphabet = {'a', '<', '"', '\n', '\r', 'λ', '−', '死', '\u00e9', '\ud83e', '\udde0', '\u07ff', '\u0800', '\uffff', ' '};
        for (int round = 0; round < 2000; round++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) s.append(alphabet[random.nextInt(alphabet.length)]);
            String text = s.toString();
            assertArrayEquals(reference("e", text), SseEvents.event("e", text), () -> "for " + text.chars().mapToObj(Integer::toHexString).toList());
        }
    }

    @Test
    void theIdLineIsPlainAscii() {
        assertEquals("id: 42\n", new String(SseEvents.id(42), StandardCharsets.US_ASCII));
    }
}
