package lab.deadrelu.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A class in two browsers: the teacher opens it on /course and keeps the class view open; a student joins
 * from the home page in a browser of their own and plays; the student's row appears in the teacher's view
 * without a reload, and the teacher's link reaches the student's page. At three window sizes, in English
 * and Chinese: no sideways scrolling, every chart word at 12 px or more. Screenshots: target/screenshots/class-*.
 */
@ExtendWith(BrowserExtension.class)
class ClassBrowserTest {
    static final int[][] VIEWPORTS = {{1280, 720}, {1920, 1080}, {390, 844}};
    static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aStudentWhoJoinsInAnotherBrowserAppearsLiveInTheTeachersViewInBothLanguages(Browser teacher) throws Exception {
        Path profile = Files.createTempDirectory("deadrelu-student-");
        ChromeDriver student = new ChromeDriver(BrowserExtension.service(), BrowserExtension.options(profile));
        try {
            student.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", Browser.COUNT_SSE_MESSAGES));
            List<String> problems = new ArrayList<>();
            for (String lang : List.of("en", "zh")) problems.addAll(oneClass(teacher, student, lang));
            assertTrue(problems.isEmpty(), String.join("\n", problems));
        } finally {
            student.quit();
            BrowserExtension.deleteTree(profile);
        }
    }

    private List<String> oneClass(Browser teacher, ChromeDriver student, String lang) {
        WebDriver t = teacher.driver();
        teacher.windowSize(1280, 900);
        teacher.open("/course?lang=" + lang);
        t.findElement(By.id("class-title")).sendKeys(lang.equals("zh") ? "第三周：死亡 ReLU" : "Week 3: dying ReLU");
        new Select(t.findElement(By.id("class-lang"))).selectByValue(lang);
        t.findElement(By.id("class-link")).clear();
        t.findElement(By.id("class-link")).sendKeys("/lab?scenario=case-2&pause=off");
        t.findElement(By.id("class-open")).click();
        WebDriverWait wait = new WebDriverWait(t, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        String code = wait.until(d -> d.findElement(By.id("class-code"))).getText();
        assertTrue(t.getCurrentUrl().contains("/class/" + code + "?key="), t.getCurrentUrl());
        wait.until(d -> (Boolean) teacher.js("return document.querySelector('.class-view').getAttribute('sse-connect') !== null"));

        // the student, in a browser of their own: the home page's form, the code typed loosely
        String nickname = lang.equals("zh") ? "小明" : "Ada";
        student.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        student.get(teacher.url("/?lang=" + lang));
        student.findElement(By.id("join-code")).sendKeys(code.substring(0, 3).toLowerCase() + " " + code.substring(3).toLowerCase());
        student.findElement(By.id("join-nickname")).sendKeys(nickname);
        student.findElement(By.id("join-submit")).click();
        WebDriverWait studentWait = new WebDriverWait(student, WAIT);
        studentWait.ignoring(StaleElementReferenceException.class);
        studentWait.until(d -> d.findElement(By.cssSelector("#class-banner .class-line")).getText().contains(nickname));
        assertTrue(student.getCurrentUrl().contains("class=" + code), student.getCurrentUrl());
        studentWait.until(d -> d.findElement(By.id("play")).isEnabled());
        studentWait.until(d -> (Boolean) ((ChromeDriver) d).executeScript("return (window.__sseMessages || {}).status > 0"));
        student.findElement(By.id("play")).click();

        // the teacher's view, never reloaded, shows the student and the run moving on
        wait.until(d -> d.findElement(By.id("students")).getText().contains(nickname));
        wait.until(d -> {
            String step = d.findElement(By.cssSelector("#students tbody tr td:nth-child(6)")).getText().trim();
            return step.matches("\\d+") && Long.parseLong(step) > 0;
        });
        wait.until(d -> !d.findElements(By.cssSelector("#charts .bar-chart")).isEmpty());
        assertEquals("1", t.findElement(By.id("students")).findElements(By.cssSelector("tbody tr")).size() + "");

        List<String> problems = new ArrayList<>();
        for (int[] v : VIEWPORTS) {
            teacher.windowSize(v[0], v[1]);
            String where = lang + " " + v[0] + "x" + v[1] + ": ";
            Number sideways = (Number) teacher.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            if (sideways.intValue() > 0) problems.add(where + "the class view scrolls sideways by " + sideways + " px");
            @SuppressWarnings("unchecked")
            List<Object> measured = (List<Object>) teacher.js(ChartTextBrowserTest.MEASURE);
            if (((Number) measured.get(0)).intValue() < 10) problems.add(where + "too few chart words measured: " + measured.get(0));
            for (Object p : (List<?>) measured.get(1)) problems.add(where + p);
            teacher.screenshot("class-" + lang + "-" + v[0] + "x" + v[1]);
        }

        // "send to class": the student's page shows the link
        teacher.windowSize(1280, 900);
        t.findElement(By.id("class-send-link")).sendKeys("/lab?scenario=healthy");
        t.findElement(By.id("class-send-button")).click();
        wait.until(d -> d.getCurrentUrl().contains("/class/" + code));
        try {
            studentWait.until(d -> !d.findElements(By.cssSelector("#class-banner .class-sent-link")).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            teacher.screenshot("class-failed-teacher-" + lang);
            throw new AssertionError("no link on the student's page: " + student.findElement(By.id("class-banner")).getAttribute("outerHTML")
                    + " at " + student.getCurrentUrl() + "; the teacher is at " + t.getCurrentUrl(), e);
        }
        String href = student.findElement(By.cssSelector("#class-banner .class-sent-link")).getAttribute("href");
        assertTrue(href.contains("scenario=healthy") && href.contains("class=" + code), href);
        Number studentSideways = (Number) student.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        if (studentSideways.intValue() > 0) problems.add(lang + ": the student's lab scrolls sideways by " + studentSideways + " px");
        try {
            Files.createDirectories(Browser.SCREENSHOTS);
            Files.write(Browser.SCREENSHOTS.resolve("class-student-" + lang + "-390x844.png"),
                    student.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return problems;
    }

}
