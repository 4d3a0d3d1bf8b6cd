package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The server as a real process, started the way the Procfile starts it: a JVM running lab.deadrelu.Main
 * with its settings in the environment, its output in target/server-processes/NAME.log. It runs the
 * packaged jar when the system property deadrelu.jar names one (e.g. -Ddeadrelu.jar=target/dead-relu-lab.jar
 * after `mvn package`); otherwise this test JVM's classpath (surefire runs before the jar is packaged).
 */
record ServerProcess(Process process, int port, Path log) implements AutoCloseable {

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Starts it on a free port with `jvm` options and `env` settings, and waits until /healthz answers ok (at most 90 s: a busy machine starts a JVM slowly). */
    static ServerProcess start(String name, List<String> jvm, Map<String, String> env) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvm);
        String jar = System.getProperty("deadrelu.jar", "");
        if (!jar.isEmpty()) {
            assertTrue(new File(jar).isFile(), "no jar at " + jar);
            command.addAll(List.of("-jar", jar));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "lab.deadrelu.Main"));
        }
        Path log = Files.createDirectories(Path.of("target", "server-processes")).resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("BASE_PATH");
        pb.environment().putAll(env);
        pb.environment().put("PORT", Integer.toString(port));
        ServerProcess server = new ServerProcess(pb.start(), port, log);
        lab.deadrelu.support.AppProcess.awaitHealthy(server.process, server.uri("/healthz"), log, "the server");
        return server;
    }

    /** What it has printed so far. */
    String output() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the killed server is gone");
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }
}
