package lab.deadrelu.support;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server for one test class: on a free loopback port, in a temporary directory, nothing
 * saved to disk; started once it answers PING, stopped (and its directory removed) by close().
 */
public final class RedisServer implements AutoCloseable {
    public static final File PROGRAM = new File("/usr/bin/redis-server");
    private final Process process;
    private final Path dir;
    private final int port;

    private RedisServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Skips the test (fails it on CI) without redis-server. */
    public static void require() {
        Programs.require(PROGRAM, "apt-get install -y redis-server");
    }

    public static RedisServer start() throws Exception {
        require();
        int port = Programs.freePort();
        Path dir = Files.createTempDirectory("deadrelu-redis-");
        Process p = new ProcessBuilder(List.of(PROGRAM.getPath(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        RedisServer server = new RedisServer(p, dir, port);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            if (!p.isAlive()) {
                String log = Files.readString(dir.resolve("redis.log"));
                server.close();
                throw new IllegalStateException("redis-server exited: " + log);
            }
            if (server.ping()) return server;
            Thread.sleep(50);
        }
        server.close();
        throw new IllegalStateException("redis-server did not answer PING within 30 s");
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** True when it answers PING with PONG now. */
    public boolean ping() {
        return command("PING", "+PONG\r\n");
    }

    /** Empties it (between tests that share it); false if it did not answer OK. */
    public boolean flushAll() {
        return command("FLUSHALL", "+OK\r\n");
    }

    /** Sends an inline command and tells whether the reply was exactly `expected`. */
    private boolean command(String command, String expected) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] reply = in.readNBytes(expected.length());
            return new String(reply, StandardCharsets.US_ASCII).equals(expected);
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILL: Redis gone at once, as when its machine dies. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) kill();
        }
        Programs.deleteTree(dir);
    }
}
