package lab.deadrelu.support;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx configured by deploy/nginx.conf.template (the file deploy/cluster uses) in front of
 * the given app ports: run as this user from a temporary directory, on a free loopback port; close()
 * stops it and removes the directory.
 */
public final class Nginx implements AutoCloseable {
    public static final File PROGRAM = new File("/usr/sbin/nginx");
    static final Path TEMPLATE = Path.of("deploy", "nginx.conf.template");
    private final Process process;
    private final Path dir;
    private final int port;

    private Nginx(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /**
     * How long nginx leaves an instance it saw fail out of its rotation (`fail_timeout`, as deploy/cluster
     * writes it): a restarted instance gets requests again only once this has passed since its last failure.
     */
    public static final int FAIL_TIMEOUT_SECONDS = 10;

    /** Skips the test (fails it on CI) without nginx. */
    public static void require() {
        Programs.require(PROGRAM, "apt-get install -y nginx");
    }

    /** The configuration deploy/cluster writes: the template with its directory, listen address and one server line per app port. */
    static String configuration(Path dir, int port, List<Integer> appPorts) throws IOException {
        StringBuilder servers = new StringBuilder();
        for (int p : appPorts) servers.append("        server 127.0.0.1:").append(p).append(" max_fails=1 fail_timeout=" + FAIL_TIMEOUT_SECONDS + "s;\n");
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(TEMPLATE)) {
            if (line.contains("@SERVERS@")) out.append(servers);
            else out.append(line.replace("@DIR@", dir.toString()).replace("@LISTEN@", "127.0.0.1:" + port)).append('\n');
        }
        return out.toString();
    }

    public static Nginx start(List<Integer> appPorts) throws Exception {
        require();
        int port = Programs.freePort();
        // readable by nginx's workers, which run as another user when the tests run as root
        Path dir = Files.createTempDirectory("deadrelu-nginx-",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"))).toAbsolutePath();
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, configuration(dir, port, appPorts));
        Process p = new ProcessBuilder(List.of(PROGRAM.getPath(), "-p", dir.toString(), "-c", conf.toString(), "-e", dir.resolve("error.log").toString(),
                "-g", "daemon off;")).redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        Nginx nginx = new Nginx(p, dir, port);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            if (!p.isAlive()) {
                String why = Files.readString(dir.resolve("nginx.out")) + Files.readString(dir.resolve("error.log"));
                nginx.close();
                throw new IllegalStateException("nginx exited: " + why);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return nginx;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        nginx.close();
        throw new IllegalStateException("nginx did not listen within 30 s");
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** What nginx logged (warnings and errors: a dead upstream shows here). */
    public String errorLog() throws IOException {
        Path log = dir.resolve("error.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();   // SIGTERM: nginx's fast shutdown
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        Programs.deleteTree(dir);
    }
}
