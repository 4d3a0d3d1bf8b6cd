package lab.deadrelu.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Requests Jetty refuses before the app sees them (an address or headers too long, an unreadable
 * request line, a broken body): answered in plain words, whatever the method. Jetty's own handler
 * writes a body only for GET, POST and HEAD, so a bad PUT or DELETE got an empty 400.
 */
final class ProtocolErrors extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String reason = HttpStatus.getMessage(status);
        Object message = request.getAttribute(ERROR_MESSAGE);
        String detail = message == null || message.toString().equals(reason) ? "" : ": " + BadRequest.clip(message.toString());
        String text = status + " " + reason + detail + "\n" + advice(status) + "\n";
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(ERROR_CACHE_CONTROL);
        response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    static String advice(int status) {
        return switch (status) {
            case 414 -> "The address is too long. Open the lab from its home page, or shorten the link.";
            case 431 -> "The request's headers are too large. Clear this site's cookies and reload.";
            case 413 -> "The request is too large.";
            default -> status < 500 ? "The request could not be read (check the link for broken %-escapes). Open the lab from its home page."
                    : "Something went wrong on the server. Reload the page in a moment.";
        };
    }
}
