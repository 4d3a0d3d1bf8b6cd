package lab.deadrelu.web;

import java.util.Map;

/** One rendered frame of a simulation: SSE event name -> HTML fragment, in sending order. Rendered once, sent to every watcher. */
public record Frame(long version, Map<String, String> fragments) {

    /** Its fragments' HTML as UTF-8 bytes, what sending it takes (less the SSE fields): a Chinese character is 3, "λ" 2. */
    public long utf8Bytes() {
        long size = 0;
        for (String f : fragments.values()) size += utf8Bytes(f);
        return size;
    }

    /** The UTF-8 length of `s`, counted without encoding it (a lone surrogate counts as '?', as String.getBytes writes it). */
    public static long utf8Bytes(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n++;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) n++;
            else n += 3;
        }
        return n;
    }
}
