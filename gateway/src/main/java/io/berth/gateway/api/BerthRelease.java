package io.berth.gateway.api;

import io.berth.kit.api.EngineVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Berth's own release, and the Docker release whose API it implements. {@code Version} in {@code /version} is the
 * Docker one: Testcontainers refuses engines older than 1.6.0 (surface §2 System), so Berth's 0.x cannot stand there.
 */
public final class BerthRelease {
    /** Berth's own version. */
    public static final String VERSION = "0.1.0";
    /** The Docker Engine release whose API (1.47) Berth implements, marked as Berth's. */
    public static final String ENGINE_VERSION = EngineVersion.VALUE;
    /** When this gateway was built (RFC 3339), from the build's filtered resource. */
    public static final String BUILD_TIME = buildTime();

    private BerthRelease() {
    }

    private static String buildTime() {
        Properties build = new Properties();
        try (InputStream in = BerthRelease.class.getResourceAsStream("/berth-gateway-build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            return "";
        }
        String time = build.getProperty("build.time", "");
        return time.startsWith("${") ? "" : time;
    }
}
