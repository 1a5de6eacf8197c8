package io.berth.kit.api;

import io.berth.kit.errors.InvalidParameterException;
import java.util.Locale;
import java.util.Map;

/**
 * Linux signals by name and number, as {@code docker kill --signal} and {@code docker stop --signal} take them
 * (moby's {@code signal.ParseSignal}: {@code KILL}, {@code SIGKILL} or {@code 9}), and as STOPSIGNAL and
 * {@code --change} name them; Docker's events carry the number.
 */
public final class Signals {
    private static final Map<String, Integer> BY_NAME = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4), Map.entry("TRAP", 5),
            Map.entry("ABRT", 6), Map.entry("IOT", 6), Map.entry("BUS", 7), Map.entry("FPE", 8), Map.entry("KILL", 9),
            Map.entry("USR1", 10), Map.entry("SEGV", 11), Map.entry("USR2", 12), Map.entry("PIPE", 13),
            Map.entry("ALRM", 14), Map.entry("TERM", 15), Map.entry("STKFLT", 16), Map.entry("CHLD", 17),
            Map.entry("CONT", 18), Map.entry("STOP", 19), Map.entry("TSTP", 20), Map.entry("TTIN", 21),
            Map.entry("TTOU", 22), Map.entry("URG", 23), Map.entry("XCPU", 24), Map.entry("XFSZ", 25),
            Map.entry("VTALRM", 26), Map.entry("PROF", 27), Map.entry("WINCH", 28), Map.entry("IO", 29),
            Map.entry("POLL", 29), Map.entry("PWR", 30), Map.entry("SYS", 31));
    /** SIGRTMIN..SIGRTMAX on Linux with glibc. */
    private static final int RT_MIN = 34;
    private static final int RT_MAX = 64;

    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    private Signals() {
    }

    /** The signal's number; 400 with Docker's words for one Linux does not have. */
    public static int parse(String signal) {
        String text = signal.trim().toUpperCase(Locale.ROOT);
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            int number = Integer.parseInt(text.length() > 3 ? "999" : text);
            if (number >= 1 && number <= RT_MAX) {
                return number;
            }
        } else {
            String name = text.startsWith("SIG") ? text.substring(3) : text;
            Integer number = BY_NAME.get(name);
            if (number != null) {
                return number;
            }
            if (name.startsWith("RTMIN") || name.startsWith("RTMAX")) {
                Integer realtime = realtime(name);
                if (realtime != null) {
                    return realtime;
                }
            }
        }
        throw new InvalidParameterException("Invalid signal: " + signal);
    }

    private static Integer realtime(String name) {
        int base = name.startsWith("RTMIN") ? RT_MIN : RT_MAX;
        String offset = name.substring(5);
        if (offset.isEmpty()) {
            return base;
        }
        try {
            int value = base + Integer.parseInt(offset);
            return value >= RT_MIN && value <= RT_MAX ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
