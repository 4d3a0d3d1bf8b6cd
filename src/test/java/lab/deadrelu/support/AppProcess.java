package lab.deadrelu.support;

import java.io.IOException;
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
 * One app instance as a real process, for tests of several instances: `java -cp <this test JVM's
 * classpath> lab.deadrelu.Main` (surefire runs before the jar is packaged, so the classes are the
 * build's own), with its settings in the environment and its output in target/server-processes/NAME.log.
 * kill() is SIGKILL: no shutdown hook runs, its connections drop as when its machine dies.
 */
public final class AppProcess implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Process process;
    private final int port;
    private final Path log;

    private AppProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts it on a free port and waits until /healthz answers ok (at most 90 s: a busy machine starts a JVM slowly). */
    public static AppProcess start(String name, List<String> jvm, Map<String, String> env) throws Exception {
        return start(name, jvm, env, Programs.freePort());
    }

    /** The same on a given port (say, where a killed instance was, so a proxy finds it again). */
    public static AppProcess start(String name, List<String> jvm, Map<String, String> env, int port) throws Exception {
        return start(name, jvm, List.of("-cp", System.getProperty("java.class.path"), "lab.deadrelu.Main"), env, port);
    }

    /** The same with the program to run after the JVM's options: `-cp … lab.deadrelu.Main`, or `-jar <the packaged jar>`. */
    public static AppProcess start(String name, List<String> jvm, List<String> program, Map<String, String> env, int port) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvm);
        command.addAll(program);
        Path log = Files.createDirectories(Path.of("target", "server-processes")).resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("BASE_PATH");
        pb.environment().putAll(env);
        pb.environment().put("PORT", Integer.toString(port));
        AppProcess app = new AppProcess(pb.start(), port, log);
        awaitHealthy(app.process, app.uri("/healthz"), log, name);
        return app;
    }

    /**
     * Waits (at most 90 s: a busy machine starts a JVM slowly) until the process answers /healthz with
     * "ok"; throws, with its log, if it exits or does not.
     */
    public static void awaitHealthy(Process process, URI healthz, Path log, String name) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < until) {
            if (!process.isAlive()) throw new IllegalStateException(name + " exited: " + Files.readString(log));
            try {
                HttpResponse<String> h = CLIENT.send(HttpRequest.newBuilder(healthz).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (h.statusCode() == 200 && h.body().contains("\"ok\"")) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not answer /healthz within 90 s: " + Files.readString(log));
    }

    public int port() {
        return port;
    }

    /** The process itself, to signal it (SIGTERM for a graceful stop) or wait for its exit. */
    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL, and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) throw new IllegalStateException("the killed instance is still there");
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }
}
