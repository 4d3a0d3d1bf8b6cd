package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;
import java.util.Map;
import lab.deadrelu.support.AppProcess;
import lab.deadrelu.support.Programs;

/**
 * The server as a real process, started the way the Procfile starts it (see {@link AppProcess}). It runs
 * the packaged jar when the system property deadrelu.jar names one (e.g. -Ddeadrelu.jar=target/dead-relu-lab.jar
 * after `mvn package`); otherwise this test JVM's classpath (surefire runs before the jar is packaged).
 */
final class ServerProcess {
    private ServerProcess() {}

    /** Starts it on a free port with `jvm` options and `env` settings, and waits until /healthz answers ok. */
    static AppProcess start(String name, List<String> jvm, Map<String, String> env) throws Exception {
        String jar = System.getProperty("deadrelu.jar", "");
        if (jar.isEmpty()) return AppProcess.start(name, jvm, env);
        assertTrue(new File(jar).isFile(), "no jar at " + jar);
        return AppProcess.start(name, jvm, List.of("-jar", jar), env, Programs.freePort());
    }
}
