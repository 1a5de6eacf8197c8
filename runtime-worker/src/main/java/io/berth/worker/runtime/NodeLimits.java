package io.berth.worker.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The node's hard resource limits, read from {@code /proc/self/limits}, keyed by the OCI spec's names
 * ({@code RLIMIT_NOFILE}); an unlimited resource is absent.
 */
public final class NodeLimits {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("Max cpu time", "RLIMIT_CPU"),
            Map.entry("Max file size", "RLIMIT_FSIZE"),
            Map.entry("Max data size", "RLIMIT_DATA"),
            Map.entry("Max stack size", "RLIMIT_STACK"),
            Map.entry("Max core file size", "RLIMIT_CORE"),
            Map.entry("Max resident set", "RLIMIT_RSS"),
            Map.entry("Max processes", "RLIMIT_NPROC"),
            Map.entry("Max open files", "RLIMIT_NOFILE"),
            Map.entry("Max locked memory", "RLIMIT_MEMLOCK"),
            Map.entry("Max address space", "RLIMIT_AS"),
            Map.entry("Max file locks", "RLIMIT_LOCKS"),
            Map.entry("Max pending signals", "RLIMIT_SIGPENDING"),
            Map.entry("Max msgqueue size", "RLIMIT_MSGQUEUE"),
            Map.entry("Max nice priority", "RLIMIT_NICE"),
            Map.entry("Max realtime priority", "RLIMIT_RTPRIO"),
            Map.entry("Max realtime timeout", "RLIMIT_RTTIME"));

    private NodeLimits() {
    }

    /** Parses the text of {@code /proc/<pid>/limits}: a header, then name, soft, hard and unit in columns. */
    public static Map<String, Long> parseHard(String limits) {
        Map<String, Long> hard = new LinkedHashMap<>();
        for (String line : limits.split("\n")) {
            if (line.length() < 26) {
                continue;
            }
            String name = NAMES.get(line.substring(0, 26).trim());
            if (name == null) {
                continue;
            }
            String[] columns = line.substring(26).trim().split("\\s+");
            if (columns.length >= 2 && !columns[1].equals("unlimited")) {
                hard.put(name, Long.parseLong(columns[1]));
            }
        }
        return hard;
    }
}
