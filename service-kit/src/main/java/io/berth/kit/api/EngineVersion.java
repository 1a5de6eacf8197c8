package io.berth.kit.api;

/**
 * The Docker Engine release whose API (1.47) Berth implements, marked as Berth's: {@code Version} in {@code /version},
 * and {@code docker_version} in the image configs Berth writes (import, build, commit), as dockerd writes its own.
 */
public final class EngineVersion {
    public static final String VALUE = "27.5.1-berth";

    private EngineVersion() {
    }
}
