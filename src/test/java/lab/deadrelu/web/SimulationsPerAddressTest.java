package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Live simulations per address (SIMS_PER_ADDRESS, here 3; SIMS_PER_BROWSER 2), over HTTP behind a
 * pretend proxy so that browsers can come from several addresses: new sessions from the same address
 * gain nothing once it holds its share, a browser replacing its own oldest lab is not refused, and
 * other addresses are not affected.
 */
class SimulationsPerAddressTest extends HttpTestBase {

    @Override
    protected Javalin createApp() {
        Config c = Config.forTests().withLimits(new Config.Limits(10, 10, 2, 5000));
        return App.create(c.withClients(c.clients().withTrustProxy(true).withPerAddress(3, 16)));
    }

    private HttpResponse<String> openFrom(HttpClient browser, String address, String link) {
        try {
            return browser.send(HttpRequest.newBuilder(uri(link)).header("X-Forwarded-For", address).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static HttpClient newBrowser() {
        return LabTestBase.newBrowser();
    }

    @Test
    void anAddressHoldingItsShareGetsA429WhicheverBrowserAsksAndOtherAddressesGoOn() {
        String school = "203.0.113.50";
        HttpClient first = newBrowser(), second = newBrowser();
        assertEquals(200, openFrom(first, school, "/lab?scenario=case-1").statusCode());
        assertEquals(200, openFrom(first, school, "/lab?scenario=case-2").statusCode());
        assertEquals(200, openFrom(second, school, "/lab?scenario=healthy").statusCode());

        HttpResponse<String> refused = openFrom(newBrowser(), school, "/lab?scenario=case-2");
        assertEquals(429, refused.statusCode());
        assertEquals(String.valueOf(SimulationsPerAddress.RETRY_SECONDS), refused.headers().firstValue("Retry-After").orElse(""));
        assertTrue(refused.body().contains("Your network is running many simulations"), refused.body());
        assertTrue(refused.body().contains("already run 3 simulations"), refused.body());
        HttpResponse<String> zh = openFrom(newBrowser(), school, "/lab?scenario=case-2&lang=zh");
        assertTrue(zh.body().contains("你所在网络运行的模拟太多"), zh.body());
        assertEquals(429, openFrom(newBrowser(), school, "/compare?a=scenario%3Dcase-2&b=scenario%3Dcase-1").statusCode(),
                "a comparison is two more simulations");

        assertEquals(200, openFrom(first, school, "/lab?scenario=inactive-not-dead").statusCode(),
                "a browser at its own limit replaces its oldest lab: the address holds no more than before");
        assertEquals(429, openFrom(newBrowser(), school, "/lab?scenario=case-2").statusCode(), "and still no more");

        assertEquals(200, openFrom(newBrowser(), "198.51.100.50", "/lab?scenario=case-2").statusCode(), "another address is not affected");
    }
}
