package lab.deadrelu.browser;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The teacher builds a course link with λ locked; the student who opens it finds the λ controls disabled. */
@ExtendWith(BrowserExtension.class)
class CourseBrowserTest {
    @Test
    void aLinkWithTheLearningRateLockedDisablesTheLearningRateControls(Browser browser) {
        browser.open("/course?lang=en");
        WebDriver d = browser.driver();
        new org.openqa.selenium.support.ui.Select(d.findElement(By.id("course-scenario"))).selectByValue("case-2");
        d.findElement(By.id("course-lock-lr")).click();
        d.findElement(By.id("course-title")).sendKeys("Week 3: dying ReLU");
        d.findElement(By.id("course-build")).click();
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(10));
        String link = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("course-link-out"))).getAttribute("href");
        assertTrue(link.contains("lock=lr"), link);
        assertTrue(d.findElement(By.cssSelector("svg.qr-code")).isDisplayed(), "the QR code is shown");

        d.get(link);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lr")));
        // the stream swaps #controls in, so each check re-finds its element
        wait.ignoring(StaleElementReferenceException.class);
        assertTrue(wait.until((WebDriver x) -> !x.findElement(By.id("lr")).isEnabled()), "λ field disabled");
        assertTrue(wait.until((WebDriver x) -> !x.findElement(By.id("lr-now")).isEnabled()), "apply λ now disabled");
        assertTrue(wait.until((WebDriver x) -> !x.findElement(By.id("lr-restart")).isEnabled()), "restart with λ disabled");
        assertTrue(wait.until((WebDriver x) -> x.findElement(By.id("reinit")).isEnabled()), "unlocked controls stay enabled");
        assertTrue(wait.until((WebDriver x) -> x.findElement(By.cssSelector(".lr-form .locked-note")).getText().contains("locked by your teacher")));
        assertTrue(d.findElement(By.cssSelector(".course-title")).getText().contains("Week 3"));
    }
}
