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
}
