package io.berth.worker.inside;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One reading of a container's cgroup counters, in the shape of Docker's stats ({@code cpu_stats},
 * {@code memory_stats}, {@code pids_stats}, {@code blkio_stats}), from cgroup v1 files or v2 files as the host has
 * them, read the way dockerd's libcontainer reads them (CPU times in nanoseconds, {@code system_cpu_usage} from
 * {@code /proc/stat}, a memory limit the cgroup does not set shown as the host's memory).
 *
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/daemon/stats/collector_unix.go">moby stats collector</a>
 */
final class CgroupStats {
    /** USER_HZ: the kernel counts {@code /proc/stat} and {@code cpuacct.stat} in hundredths of a second. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CgroupStats() {
    }

    /** A reading at {@code read}; the keys are Docker's. */
    static Map<String, Object> read(ContainerCgroup cgroup) {
        Map<String, Object> reading = new LinkedHashMap<>();
        reading.put("read", Instant.now().toString());
        reading.put("pids_stats", pids(cgroup));
        reading.put("blkio_stats", cgroup.v2() ? blkioV2(cgroup) : blkioV1(cgroup));
        reading.put("cpu_stats", cgroup.v2() ? cpuV2(cgroup) : cpuV1(cgroup));
        reading.put("memory_stats", cgroup.v2() ? memoryV2(cgroup) : memoryV1(cgroup));
        return reading;
    }

    private static Map<String, Object> pids(ContainerCgroup cgroup) {
        Map<String, Object> pids = new LinkedHashMap<>();
        cgroup.number("pids", "pids.current").ifPresent(current -> pids.put("current", current));
        cgroup.number("pids", "pids.max").ifPresent(limit -> pids.put("limit", limit));
        return pids;
    }

    private static Map<String, Object> cpuV1(ContainerCgroup cgroup) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("total_usage", cgroup.number("cpuacct", "cpuacct.usage").orElse(0L));
        cgroup.read("cpuacct", "cpuacct.usage_percpu").ifPresent(text -> usage.put("percpu_usage",
                Arrays.stream(text.split("\\s+")).filter(s -> !s.isEmpty()).map(Long::parseLong).toList()));
        Map<String, Long> stat = keyValues(cgroup.read("cpuacct", "cpuacct.stat"));
        usage.put("usage_in_kernelmode", stat.getOrDefault("system", 0L) * NANOS_PER_TICK);
        usage.put("usage_in_usermode", stat.getOrDefault("user", 0L) * NANOS_PER_TICK);
        Map<String, Long> throttling = keyValues(cgroup.read("cpu", "cpu.stat"));
        return cpu(usage, throttling.getOrDefault("nr_periods", 0L), throttling.getOrDefault("nr_throttled", 0L),
                throttling.getOrDefault("throttled_time", 0L));
    }

    private static Map<String, Object> cpuV2(ContainerCgroup cgroup) {
        Map<String, Long> stat = keyValues(cgroup.read("cpu", "cpu.stat"));
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("total_usage", stat.getOrDefault("usage_usec", 0L) * 1000);
        usage.put("usage_in_kernelmode", stat.getOrDefault("system_usec", 0L) * 1000);
        usage.put("usage_in_usermode", stat.getOrDefault("user_usec", 0L) * 1000);
        return cpu(usage, stat.getOrDefault("nr_periods", 0L), stat.getOrDefault("nr_throttled", 0L),
                stat.getOrDefault("throttled_usec", 0L) * 1000);
    }

    private static Map<String, Object> cpu(Map<String, Object> usage, long periods, long throttled, long throttledTime) {
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("cpu_usage", usage);
        long[] system = systemCpu();
        cpu.put("system_cpu_usage", system[0]);
        cpu.put("online_cpus", system[1]);
        cpu.put("throttling_data", Map.of("periods", periods, "throttled_periods", throttled, "throttled_time", throttledTime));
        return cpu;
    }

    /** The node's CPU time in nanoseconds (the first seven fields of /proc/stat's cpu line, as moby) and its CPUs. */
    private static long[] systemCpu() {
        try {
            long ticks = 0;
            long cpus = 0;
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                String[] parts = line.trim().split("\\s+");
                if (parts[0].equals("cpu")) {
                    for (int i = 1; i < Math.min(parts.length, 8); i++) {
                        ticks += Long.parseLong(parts[i]);
                    }
                } else if (parts[0].startsWith("cpu")) {
                    cpus++;
                }
            }
            return new long[] {ticks * NANOS_PER_TICK, cpus};
        } catch (IOException e) {
            return new long[] {0, Runtime.getRuntime().availableProcessors()};
        }
    }

    private static Map<String, Object> memoryV1(ContainerCgroup cgroup) {
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("usage", cgroup.number("memory", "memory.usage_in_bytes").orElse(0L));
        memory.put("max_usage", cgroup.number("memory", "memory.max_usage_in_bytes").orElse(0L));
        memory.put("stats", keyValues(cgroup.read("memory", "memory.stat")));
        memory.put("limit", limit(cgroup.number("memory", "memory.limit_in_bytes")));
        return memory;
    }

    private static Map<String, Object> memoryV2(ContainerCgroup cgroup) {
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("usage", cgroup.number("memory", "memory.current").orElse(0L));
        memory.put("stats", keyValues(cgroup.read("memory", "memory.stat")));
        memory.put("limit", limit(cgroup.number("memory", "memory.max")));
        return memory;
    }

    /** A limit above the node's memory (none set) is shown as the node's memory, as dockerd shows it. */
    private static long limit(Optional<Long> cgroupLimit) {
        long host = hostMemory();
        return cgroupLimit.filter(limit -> limit > 0 && (host == 0 || limit < host)).orElse(host);
    }

    private static long hostMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // answered below
        }
        return 0;
    }

    private static Map<String, Object> blkioV1(ContainerCgroup cgroup) {
        Map<String, Object> blkio = new LinkedHashMap<>();
        blkio.put("io_service_bytes_recursive", blkioEntries(cgroup.read("blkio", "blkio.throttle.io_service_bytes_recursive")));
        blkio.put("io_serviced_recursive", blkioEntries(cgroup.read("blkio", "blkio.throttle.io_serviced_recursive")));
        emptyBlkio(blkio);
        return blkio;
    }

    /** v1's {@code 8:0 Read 4096} lines; the totals are left out, as dockerd does. */
    private static List<Map<String, Object>> blkioEntries(Optional<String> text) {
        List<Map<String, Object>> entries = new ArrayList<>();
        text.ifPresent(lines -> lines.lines().forEach(line -> {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 3 && parts[0].contains(":")) {
                entries.add(entry(parts[0], parts[1], Long.parseLong(parts[2])));
            }
        }));
        return entries;
    }

    private static Map<String, Object> blkioV2(ContainerCgroup cgroup) {
        List<Map<String, Object>> bytes = new ArrayList<>();
        List<Map<String, Object>> ios = new ArrayList<>();
        cgroup.read("io", "io.stat").ifPresent(lines -> lines.lines().forEach(line -> {
            String[] parts = line.trim().split("\\s+");
            Map<String, Long> values = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                if (kv.length == 2) {
                    values.put(kv[0], Long.parseLong(kv[1]));
                }
            }
            // moby names v2's operations in lower case.
            bytes.add(entry(parts[0], "read", values.getOrDefault("rbytes", 0L)));
            bytes.add(entry(parts[0], "write", values.getOrDefault("wbytes", 0L)));
            ios.add(entry(parts[0], "read", values.getOrDefault("rios", 0L)));
            ios.add(entry(parts[0], "write", values.getOrDefault("wios", 0L)));
        }));
        Map<String, Object> blkio = new LinkedHashMap<>();
        blkio.put("io_service_bytes_recursive", bytes);
        blkio.put("io_serviced_recursive", ios);
        emptyBlkio(blkio);
        return blkio;
    }

    private static void emptyBlkio(Map<String, Object> blkio) {
        for (String key : List.of("io_queue_recursive", "io_service_time_recursive", "io_wait_time_recursive",
                "io_merged_recursive", "io_time_recursive", "sectors_recursive")) {
            blkio.put(key, List.of());
        }
    }

    private static Map<String, Object> entry(String device, String op, long value) {
        String[] numbers = device.split(":");
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("major", Long.parseLong(numbers[0]));
        entry.put("minor", Long.parseLong(numbers[1]));
        entry.put("op", op);
        entry.put("value", value);
        return entry;
    }

    /** {@code key value} lines (memory.stat, cpu.stat, cpuacct.stat). */
    private static Map<String, Long> keyValues(Optional<String> text) {
        Map<String, Long> values = new java.util.TreeMap<>();
        text.ifPresent(lines -> lines.lines().forEach(line -> {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2) {
                try {
                    values.put(parts[0], Long.parseLong(parts[1]));
                } catch (NumberFormatException e) {
                    // not a counter
                }
            }
        }));
        return values;
    }
}
