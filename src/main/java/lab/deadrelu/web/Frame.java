package lab.deadrelu.web;

import java.util.Map;

/** One rendered frame of a simulation: SSE event name -> HTML fragment, in sending order. Rendered once, sent to every watcher. */
record Frame(long version, Map<String, String> fragments) {

    /** All its fragments' characters: about the bytes it takes to send the whole frame. */
    long size() {
        long size = 0;
        for (String f : fragments.values()) size += f.length();
        return size;
    }
}
