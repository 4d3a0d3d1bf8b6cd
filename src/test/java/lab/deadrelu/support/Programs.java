package lab.deadrelu.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs a test starts as real processes (redis-server, nginx). Without one, its tests are skipped
 * with a one-line notice, except on CI (CI=true), where that is a failure (as for chromium).
 */
public final class Programs {
    private static final Set<String> TOLD = ConcurrentHashMap.newKeySet();

    private Programs() {}

    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips the calling test (fails it under CI=true) unless `program` can be run; `install` says how to get it. */
    public static void require(File program, String install) {
        if (program.canExecute()) return;
        String missing = "Tests that need " + program + " are skipped: install it with `" + install + "`";
        if (onCi()) fail(missing + " (CI=true, so this fails instead of skipping)");
        if (TOLD.add(program.getPath())) System.out.println(missing + ".");
        Assumptions.assumeTrue(false, missing);
    }

    /** Removes a temporary directory and everything in it. */
    public static void deleteTree(java.nio.file.Path root) throws IOException {
        if (!java.nio.file.Files.exists(root)) return;
        try (java.util.stream.Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(root)) {
            for (java.nio.file.Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) java.nio.file.Files.deleteIfExists(p);
        }
    }

    /** A port free on loopback at the time of asking. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
