package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < until) {
            if (!server.process.isAlive()) throw new AssertionError("the server exited: " + Files.readString(log));
            try {
                HttpResponse<String> h = CLIENT.send(HttpRequest.newBuilder(server.uri("/healthz")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (h.statusCode() == 200 && h.body().contains("\"ok\"")) return server;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        server.process.destroyForcibly();
        throw new AssertionError("the server did not answer /healthz within 90 s: " + Files.readString(log));
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
