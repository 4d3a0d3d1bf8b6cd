package lab.deadrelu.web;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Boots the real app on a free port once per test class, with an HTTP client that keeps cookies.
 * Override {@link #createApp()} to run other settings or to add throwaway routes for one class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HttpTestBase {
    protected Javalin app;
    protected CookieManager cookies;
    protected HttpClient client;

    protected Javalin createApp() {
        return App.create(Config.forTests());
    }

    @BeforeAll
    void startApp() {
        app = createApp().start(0);
        cookies = new CookieManager();
        client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    void stopApp() {
        app.stop();
    }

    /** A session cookie's value as this app issues it ("id.mac"), for a new browser of the test's own making. */
    protected String newSession() {
        return Sessions.of(app).cookieValue(Sessions.newId());
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + app.port() + path);
    }

    /** GET path with headers given as name, value, name, value... */
    protected HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    protected HttpResponse<String> post(String path, String body, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    /** GET path on the metrics listener (the app must be configured with a METRICS_PORT, e.g. 0), headers as in {@link #get}. */
    protected HttpResponse<String> getMetrics(String path, String... headers) {
        int port = app.unsafe.appDataManager.get(App.METRICS).listenerPort();
        if (port < 0) throw new AssertionError("this app has no metrics listener: configure it with Ops.withMetricsPort(0)");
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET(), headers);
    }

    protected HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        if (headers.length > 0) request.headers(headers);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("Request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }
}
