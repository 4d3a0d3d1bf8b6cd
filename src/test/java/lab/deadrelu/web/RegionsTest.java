package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A watched lab's regions: rendered only when what they show changed, published only when their HTML changed. */
class RegionsTest {
    private record View(String text) {}

    @Test
    void aRegionWhoseViewIsEqualIsNotRenderedAgain() {
        Regions regions = new Regions();
        AtomicInteger renders = new AtomicInteger();
        String first = regions.html("remedies", new View("lower λ"), () -> "<p>lower λ #" + renders.incrementAndGet() + "</p>");
        String again = regions.html("remedies", new View("lower λ"), () -> "<p>lower λ #" + renders.incrementAndGet() + "</p>");
        assertSame(first, again, "the last rendering, as it was");
        assertEquals(1, renders.get());
        regions.html("remedies", new View("leaky ReLU"), () -> "<p>leaky #" + renders.incrementAndGet() + "</p>");
        assertEquals(2, renders.get(), "another view: rendered");
    }

    @Test
    void newsCarriesTheRegionsThatChangedBesidesTheStepsOfTheirLinksAndTheOnesAlwaysSent() {
        Regions regions = new Regions();
        regions.sent(frame(1, "status", "step 20", "loss", "<path d=\"M0,1\"/>", "events",
                "<a href=\"/lab?scenario=case-2&amp;at=20&amp;mark=8\">h</a>", "compare", "<a href=\"/compare?a=scenario%3Dcase-2%26at%3D20%26pause%3Doff\">",
                "link", "<a href=\"/lab?scenario=case-2&amp;at=20\">"));
        Frame news = regions.news(frame(2, "status", "step 21", "loss", "<path d=\"M0,1L1,2\"/>", "events",
                "<a href=\"/lab?scenario=case-2&amp;at=21&amp;mark=8\">h</a>", "compare", "<a href=\"/compare?a=scenario%3Dcase-2%26at%3D21%26pause%3Doff\">",
                "link", "<a href=\"/lab?scenario=case-2&amp;at=21\">"), "status", "link");
        assertEquals(List.of("status", "loss", "link"), List.copyOf(news.fragments().keySet()));
        Frame same = regions.news(frame(3, "status", "step 21", "loss", "<path d=\"M0,1L1,2\"/>", "events",
                "<a href=\"/lab?scenario=case-2&amp;at=22&amp;mark=8\">h</a>", "compare", "x", "link", "y"), "status");
        assertEquals(List.of("status", "compare", "link"), List.copyOf(same.fragments().keySet()), "what changed otherwise is sent");
        assertEquals(Regions.withoutSteps("<a href=\"/lab?format=3&amp;at=12\">"), Regions.withoutSteps("<a href=\"/lab?format=3&amp;at=7\">"));
        assertNotEquals(Regions.withoutSteps("<a href=\"/lab?format=3&amp;at=12\">"), Regions.withoutSteps("<a href=\"/lab?format=4&amp;at=12\">"));
        assertNotEquals(Regions.withoutSteps("<p>step 12</p>"), Regions.withoutSteps("<p>step 13</p>"), "a step in words is news");
    }

    private static Frame frame(long version, String... nameHtml) {
        Map<String, String> f = new LinkedHashMap<>();
        for (int i = 0; i < nameHtml.length; i += 2) f.put(nameHtml[i], nameHtml[i + 1]);
        return new Frame(version, f);
    }
}
