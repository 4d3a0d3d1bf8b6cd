package lab.deadrelu.web;

import java.util.Arrays;

/**
 * Server-sent events as UTF-8 bytes, encoded once per fragment where it is rendered, so that sending
 * is only copying bytes. Each line of the data gets its own "data:" field (the client joins them with
 * newlines); CR, LF and CRLF all end a line, as they do for the client, so no data can end an event early.
 * Hand-encoded: on JDK 17, String.getBytes of non-Latin-1 text (our "λ", "−", Chinese) was the send
 * path's hottest spot under load, and at times many times slower than this loop.
 */
final class SseEvents {
    private SseEvents() {}

    /** "event: NAME\ndata: ...\n\n" without the id line, which {@link #id} gives. */
    static byte[] event(String name, String data) {
        Bytes out = new Bytes(name.length() + data.length() + 64);
        out.ascii("event: ").utf8(name).ascii("\ndata: ");
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') continue;
            if (c == '\n' || c == '\r') {
                if (i + 1 < data.length()) out.ascii("\ndata: ");
            } else if (Character.isHighSurrogate(c) && i + 1 < data.length() && Character.isLowSurrogate(data.charAt(i + 1))) {
                out.codePoint(Character.toCodePoint(c, data.charAt(++i)));
            } else {
                out.codePoint(c);
            }
        }
        return out.ascii("\n\n").toArray();
    }

    /** "id: N\n": put before an event's bytes. */
    static byte[] id(long id) {
        return ("id: " + id + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** A growing byte array that takes UTF-8. */
    private static final class Bytes {
        private byte[] buf;
        private int size;

        Bytes(int capacity) {
            buf = new byte[capacity];
        }

        Bytes ascii(String s) {
            for (int i = 0; i < s.length(); i++) put((byte) s.charAt(i));
            return this;
        }

        Bytes utf8(String s) {
            for (int i = 0; i < s.length(); i++) codePoint(s.charAt(i));
            return this;
        }

        /** One code point as 1 to 4 bytes; a lone surrogate becomes '?', as String.getBytes does. */
        void codePoint(int c) {
            if (c < 0x80) {
                put((byte) c);
            } else if (c < 0x800) {
                put((byte) (0xC0 | c >> 6));
                put((byte) (0x80 | c & 0x3F));
            } else if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                put((byte) '?');
            } else if (c < 0x10000) {
                put((byte) (0xE0 | c >> 12));
                put((byte) (0x80 | c >> 6 & 0x3F));
                put((byte) (0x80 | c & 0x3F));
            } else {
                put((byte) (0xF0 | c >> 18));
                put((byte) (0x80 | c >> 12 & 0x3F));
                put((byte) (0x80 | c >> 6 & 0x3F));
                put((byte) (0x80 | c & 0x3F));
            }
        }

        private void put(byte b) {
            if (size == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
            buf[size++] = b;
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, size);
        }
    }
}
