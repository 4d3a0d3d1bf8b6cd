package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aRegionWhoseRestStaysSendsItsPartAloneAndWhenTheRestChangesItGoesWholeWithoutThePartBesideIt() {
        Regions regions = new Regions();
        String axes = "<figure><svg><text>0.1</text><g sse-swap=\"loss-now\">", end = "</g></svg></figure>";
        Frame first = frame(1, "status", "step 20", "loss", axes + "<polyline points=\"0,1\"/>" + end, "loss-now", "<polyline points=\"0,1\"/>");
        regions.sent(first);
        assertEquals(List.of("status", "loss"), List.copyOf(Regions.whole(first).fragments().keySet()), "a whole frame holds the part in its region");

        Frame moved = regions.news(frame(2, "status", "step 21", "loss", axes + "<polyline points=\"0,2\"/>" + end,
                "loss-now", "<polyline points=\"0,2\"/>"), "status");
        assertEquals(List.of("status", "loss-now"), List.copyOf(moved.fragments().keySet()), "the lines moved, the axes stayed");

        String rescaled = "<figure><svg><text>1</text><g sse-swap=\"loss-now\"><polyline points=\"0,3\"/>" + end;
        Frame scaled = regions.news(frame(3, "status", "step 22", "loss", rescaled, "loss-now", "<polyline points=\"0,3\"/>"), "status");
        assertEquals(List.of("status", "loss"), List.copyOf(scaled.fragments().keySet()), "the axes changed: the chart whole, its lines inside");
        assertTrue(scaled.fragments().get("loss").contains("0,3"));

        Frame still = regions.news(frame(4, "status", "step 22", "loss", rescaled, "loss-now", "<polyline points=\"0,3\"/>"), "status");
        assertEquals(List.of("status"), List.copyOf(still.fragments().keySet()), "nothing moved");
    }

    @Test
    void aCappedFrameCarriesWhatFitsAndWhatWaitedGoesFirstInTheNextOneEvenWhenItAloneIsOverTheCap() {
        Regions regions = new Regions();
        String k3 = "x".repeat(3_000), k9 = "y".repeat(9_000);
        regions.sent(frame(1, "status", "s1", "table", "t1", "inspector", "i1", "loss", "l1", "network", "n1"));
        Frame f2 = regions.news(frame(2, "status", "s2", "table", "t2" + k3, "inspector", "i2" + k3, "loss", "l2" + k3, "network", "n2" + k9),
                8_000, "status");
        assertEquals(List.of("status", "table", "inspector"), List.copyOf(f2.fragments().keySet()), "what fits, in page order");
        assertTrue(f2.utf8Bytes() <= 8_000);
        Frame f3 = regions.news(frame(3, "status", "s3", "table", "t3" + k3, "inspector", "i2" + k3, "loss", "l3" + k3, "network", "n3" + k9),
                8_000, "status");
        assertEquals(List.of("status", "table", "loss"), List.copyOf(f3.fragments().keySet()),
                "the loss waited and goes first, as it is now; the network waited as long but does not fit besides it; the table does");
        assertTrue(f3.fragments().get("loss").startsWith("l3"));
        Frame f4 = regions.news(frame(4, "status", "s4", "table", "t3" + k3, "inspector", "i2" + k3, "loss", "l3" + k3, "network", "n3" + k9),
                8_000, "status");
        assertEquals(List.of("status", "network"), List.copyOf(f4.fragments().keySet()), "its turn at last, alone over the cap");
        Frame f5 = regions.news(frame(5, "status", "s5", "table", "t3" + k3, "inspector", "i2" + k3, "loss", "l3" + k3, "network", "n3" + k9),
                8_000, "status");
        assertEquals(List.of("status"), List.copyOf(f5.fragments().keySet()), "nothing else waits");
    }

    private static Frame frame(long version, String... nameHtml) {
        Map<String, String> f = new LinkedHashMap<>();
        for (int i = 0; i < nameHtml.length; i += 2) f.put(nameHtml[i], nameHtml[i + 1]);
        return new Frame(version, f);
    }
}
