package lab.deadrelu.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of a bundled npm webjar, read from its own pom.properties so the pom stays the one place it is written. */
final class Webjars {
    private Webjars() {}

    static String version(String npmName) {
        String resource = "/META-INF/maven/org.webjars.npm/" + npmName + "/pom.properties";
        try (InputStream in = Webjars.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("Webjar " + npmName + " is not on the classpath (" + resource + ")");
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            if (v == null || v.isBlank()) throw new IllegalStateException("No version in " + resource);
            return v.trim();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
    }
}
