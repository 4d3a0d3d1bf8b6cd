package lab.deadrelu.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request over a plain socket bound to a chosen loopback address (127.0.0.N), so that a
 * local test can play many clients from many addresses, which java.net.http cannot. Connection: close,
 * no compression; the body is read up to a cap (what is beyond it is counted, not kept).
 */
final class LoopbackHttp {
    /** An answer: status, headers (lower-case names, last value wins), the body as text, and its whole length. */
    record Answer(int status, Map<String, String> headers, String body, long length) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    static final int BODY_KEPT = 64 * 1024;

    private final InetSocketAddress server;
    private final int timeoutMillis;

    LoopbackHttp(InetSocketAddress server, int timeoutMillis) {
        this.server = server;
        this.timeoutMillis = timeoutMillis;
    }

    /** Sends `method path` from `from`, with the given headers and (for a POST) a form body. */
    Answer send(InetAddress from, String method, String path, Map<String, String> headers, String form) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(server, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder()
                    .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(server.getHostString()).append(':').append(server.getPort()).append("\r\n")
                    .append("Connection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (form != null) {
                head.append("Content-Type: application/x-www-form-urlencoded\r\n").append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream(), 16 * 1024));   // headers are read a byte at a time
        }
    }

    private static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) throw new IOException("not an HTTP answer: " + statusLine);
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon > 0) headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long length = 0;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16); size > 0; size = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
                length += copy(in, kept, size);
                line(in);   // the CRLF after each chunk
            }
        } else if (headers.containsKey("content-length")) {
            length = copy(in, kept, Long.parseLong(headers.get("content-length")));
        } else {
            length = copy(in, kept, Long.MAX_VALUE);
        }
        return new Answer(status, headers, kept.toString(StandardCharsets.UTF_8), length);
    }

    /** Reads up to `size` bytes (to the end when the stream ends first), keeping at most BODY_KEPT in `kept`. */
    private static long copy(InputStream in, ByteArrayOutputStream kept, long size) throws IOException {
        byte[] buffer = new byte[8192];
        long done = 0;
        while (done < size) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, size - done));
            if (n < 0) break;
            int keep = (int) Math.max(0, Math.min(n, BODY_KEPT - kept.size()));
            kept.write(buffer, 0, keep);
            done += n;
        }
        return done;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') break;
            if (c != '\r') s.append((char) c);
            if (s.length() > 16_384) throw new IOException("a header line longer than 16 KB");
        }
        return s.toString();
    }
}
