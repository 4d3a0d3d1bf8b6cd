package lab.deadrelu.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The post's two cases, read off the teaching panels in a real browser. */
@ExtendWith(BrowserExtension.class)
class TeachingInBrowserTest {

    @SuppressWarnings("unchecked")
    private static List<String> column(Browser b, String selector) {
        return (List<String>) b.js("return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent.trim());", selector);
    }

    @Test
    void caseOneShowsAColumnOfNonPositiveZForTheBornDeadNeuron(Browser b) {
        new LabScreen(b).open("/lab?scenario=case-1&at=3");
        List<String> z = column(b, "#table td.z");
        List<String> active = column(b, "#table td.act");
        assertEquals(8, z.size(), "one row per sample");
        for (String v : z) {
            double value = Double.parseDouble(v.replace('−', '-'));
            assertTrue(value <= 0, "z <= 0 on every sample: " + z);
        }
        assertTrue(active.stream().allMatch(a -> a.equals("no")), "inactive on every sample: " + active);
        b.screenshot("teaching-case-1-table");
    }

    @Test
    void caseTwoAtTheKillingStepShowsFourPositiveFactorsAndACertificateNamingTheStep(Browser b) {
        new LabScreen(b).open("/lab?scenario=case-2&at=8");
        for (String factor : List.of("upstream", "error", "downstream", "derivative", "gradient")) {
            String sign = (String) b.js("var r = document.querySelector('#inspector tr[data-factor=\"' + arguments[0] + '\"] .sign-badge');"
                    + " return r ? r.textContent.trim() : '';", factor);
            assertEquals("+", sign, factor + " is positive at the killing step");
        }
        String inspector = (String) b.js("return document.getElementById('inspector').innerText;");
        assertTrue(inspector.contains("0.848") && inspector.contains("−0.588"), "w21 crosses zero: " + inspector);
        String certificates = (String) b.js("return document.getElementById('certificates').innerText;");
        assertTrue(certificates.contains("step 8"), "the certificate names the step: " + certificates);
        b.screenshot("teaching-case-2-inspector");
    }
}
