package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void defaultsWhenTheEnvironmentSaysNothing() {
        assertEquals(new Config(7070, "", "'self'", false, Config.Limits.DEFAULT), Config.fromEnv(Map.of(), false));
    }

    @Test
    void readsPortBasePathFrameAncestorsAndDevMode() {
        Config c = Config.fromEnv(Map.of("PORT", "8080", "BASE_PATH", "relu/", "FRAME_ANCESTORS", "'self' https://course.example"), true);
        assertEquals(new Config(8080, "/relu", "'self' https://course.example", true, Config.Limits.DEFAULT), c);
    }

    @Test
    void readsTheLimitsIncludingTheRequestRate() {
        Config.Limits l = Config.fromEnv(Map.of("FPS", "5", "IDLE_MINUTES", "30", "SIMS_PER_BROWSER", "4", "MAX_SIMULATIONS", "900",
                "REQUESTS_PER_MINUTE", "600", "REQUEST_BURST", " 50 ", "FULL_FRAMES_KB", "250"), false).limits();
        assertEquals(new Config.Limits(5, 30, 4, 900, 600, 50, 250), l);
        assertEquals(new Config.Limits(10, 10, 8, 5000, 1200, 200, 16000), Config.Limits.DEFAULT, "the documented defaults");
    }

    @Test
    void aBadRequestRateIsRefusedNamingTheVariableAndTheRange() {
        for (String[] bad : new String[][] {{"REQUESTS_PER_MINUTE", "0", "1..1000000"}, {"REQUESTS_PER_MINUTE", "2000000", "1..1000000"},
                {"REQUEST_BURST", "0", "1..100000"}, {"REQUEST_BURST", "100001", "1..100000"}, {"REQUESTS_PER_MINUTE", "fast", "whole number"},
                {"REQUEST_BURST", "-5", "whole number"}, {"FULL_FRAMES_KB", "99", "100..9999999"}, {"FULL_FRAMES_KB", "many", "whole number"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(Map.of(bad[0], bad[1]), false));
            assertTrue(e.getMessage().startsWith(bad[0] + " must be"), e.getMessage());
            assertTrue(e.getMessage().contains(bad[2]), e.getMessage());
        }
    }

    @Test
    void readsTheUnwatchedGraceAndTheMetricsListenerAndToken() {
        assertEquals(new Config.Ops(5, "127.0.0.1", -1, null), Config.fromEnv(Map.of(), false).ops(), "the documented defaults");
        Config.Ops ops = Config.fromEnv(Map.of("UNWATCHED_SECONDS", "30", "METRICS_PORT", "9464", "METRICS_HOST", "0.0.0.0",
                "METRICS_TOKEN", "0123456789abcdef-token"), false).ops();
        assertEquals(new Config.Ops(30, "0.0.0.0", 9464, "0123456789abcdef-token"), ops);
        assertTrue(!ops.toString().contains("0123456789abcdef"), "the token never goes into a log: " + ops);
        assertEquals(0, Config.fromEnv(Map.of("METRICS_PORT", "0"), false).ops().metricsPort(), "0 picks a free port");
    }

    @Test
    void badOpsSettingsAreRefusedNamingTheVariable() {
        for (String[] bad : new String[][] {{"UNWATCHED_SECONDS", "0", "1..3600"}, {"UNWATCHED_SECONDS", "3601", "1..3600"},
                {"UNWATCHED_SECONDS", "soon", "whole number"}, {"METRICS_PORT", "70000", "0..65535"}, {"METRICS_PORT", "-1", "0..65535"},
                {"METRICS_PORT", "metrics", "0..65535"}, {"METRICS_HOST", "local host", "IP address"}, {"METRICS_HOST", "a/b", "IP address"},
                {"METRICS_TOKEN", "short", "16 to 200"}, {"METRICS_TOKEN", "with a space in the middle", "without spaces"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(Map.of(bad[0], bad[1]), false));
            assertTrue(e.getMessage().startsWith(bad[0] + " must be"), e.getMessage());
            assertTrue(e.getMessage().contains(bad[2]), e.getMessage());
        }
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
                () -> Config.fromEnv(Map.of("PORT", "8080", "METRICS_PORT", "8080"), false));
        assertTrue(same.getMessage().startsWith("METRICS_PORT must differ from PORT"), same.getMessage());
    }

    @Test
    void aSlashOnlyBasePathMeansNone() {
        assertEquals("", Config.fromEnv(Map.of("BASE_PATH", "/"), false).basePath());
    }

    @Test
    void refusesSettingsThatCouldNotWork() {
        assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(Map.of("PORT", "http"), false));
        assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(Map.of("PORT", "70000"), false));
        assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(Map.of("BASE_PATH", "/a b"), false));
        assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(Map.of("FRAME_ANCESTORS", "'self'; script-src *"), false));
    }

    @Test
    void testsGetAFreePortAndPrecompiledTemplates() {
        Config c = Config.forTests();
        assertEquals(0, c.port());
        assertTrue(!c.dev());
    }

    @Test
    void readsTheClientSettings() {
        String secret = "s".repeat(32);
        Config.Clients c = Config.fromEnv(Map.of("SESSION_SECRET", secret, "TRUST_PROXY", "true", "PUBLIC_URL", "https://Relu.Example.edu/",
                "NEW_SESSIONS_PER_MINUTE", "30", "NEW_SESSION_BURST", "2000", "SIMS_PER_ADDRESS", "2000", "EXPERIMENTS_PER_ADDRESS", "8"), false).clients();
        assertEquals(new Config.Clients(secret, true, "https://relu.example.edu", 30, 2000, 2000, 8), c);
        assertEquals("https://relu.example.edu", c.publicUrl(), "an origin: lower case, no trailing slash");
        assertEquals("http://10.0.0.5:7070", Config.fromEnv(Map.of("PUBLIC_URL", "http://10.0.0.5:7070"), false).clients().publicUrl());
        assertEquals("https://relu.example.edu", Config.fromEnv(Map.of("PUBLIC_URL", "https://relu.example.edu:443"), false).clients().publicUrl());
    }

    @Test
    void theClientDefaultsAreTheDocumentedOnesWithARandomSecretPerProcess() {
        Config.Clients d = Config.fromEnv(Map.of(), false).clients();
        assertEquals(Config.Clients.DEFAULT, d);
        assertEquals(false, d.trustProxy());
        assertEquals(null, d.publicUrl());
        assertEquals(60, d.newSessionsPerMinute());
        assertEquals(400, d.newSessionBurst());
        assertEquals(1000, d.simsPerAddress());
        assertEquals(16, d.experimentsPerAddress());
        assertTrue(d.sessionSecret().length() >= 32);
        assertTrue(!d.toString().contains(d.sessionSecret()), "the secret never appears in a log line: " + d);
    }

    @Test
    void badClientSettingsStopTheServerNamingTheVariable() {
        for (String[] bad : new String[][] {{"SESSION_SECRET", "too-short", "at least 32"}, {"SESSION_SECRET", "", "at least 32"},
                {"TRUST_PROXY", "yes", "true or false"}, {"PUBLIC_URL", "relu.example.edu", "origin"},
                {"PUBLIC_URL", "https://relu.example.edu/relu", "no path"}, {"PUBLIC_URL", "ftp://relu.example.edu", "origin"},
                {"PUBLIC_URL", "https://relu.example.edu?x=1", "origin"}, {"NEW_SESSIONS_PER_MINUTE", "0", "1..100000"},
                {"NEW_SESSION_BURST", "0", "1..1000000"}, {"SIMS_PER_ADDRESS", "0", "1..1000000"},
                {"EXPERIMENTS_PER_ADDRESS", "0", "1..1000"}, {"SIMS_PER_ADDRESS", "many", "whole number"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(Map.of(bad[0], bad[1]), false));
            assertTrue(e.getMessage().startsWith(bad[0] + " must"), e.getMessage());
            assertTrue(e.getMessage().contains(bad[2]), e.getMessage());
            if (bad[0].equals("SESSION_SECRET")) assertTrue(!e.getMessage().contains("too-short"), "the secret is not repeated: " + e.getMessage());
        }
    }

    @Test
    void classSettingsHaveDocumentedDefaultsAndNeverLogARedisPassword() {
        Config.Classes d = Config.fromEnv(Map.of(), false).classes();
        assertEquals(new Config.Classes(6, 200, 2500, null), d);
        Config.Classes c = Config.fromEnv(Map.of("CLASS_HOURS", "2", "MAX_CLASSES", "10", "CLASS_STUDENTS", "300",
                "REDIS_URL", "redis://:s3cret-pass@10.0.0.7:6380/1"), false).classes();
        assertEquals(new Config.Classes(2, 10, 300, "redis://:s3cret-pass@10.0.0.7:6380/1"), c);
        assertTrue(!c.toString().contains("s3cret"), c.toString());
    }

    @Test
    void badClassSettingsStopTheServerNamingTheVariable() {
        for (String[] bad : new String[][] {{"CLASS_HOURS", "0", "1..48"}, {"CLASS_HOURS", "49", "1..48"}, {"MAX_CLASSES", "0", "1..100000"},
                {"CLASS_STUDENTS", "0", "1..100000"}, {"REDIS_URL", "localhost:6379", "redis://host:6379"},
                {"REDIS_URL", "redis://host:6379/x y", "redis://host:6379"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(Map.of(bad[0], bad[1]), false));
            assertTrue(e.getMessage().startsWith(bad[0] + " must"), e.getMessage());
            assertTrue(e.getMessage().contains(bad[2]), e.getMessage());
        }
    }
}
