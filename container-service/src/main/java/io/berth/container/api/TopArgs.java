package io.berth.container.api;

import io.berth.kit.errors.InvalidParameterException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docker top}'s {@code ps_args}, checked as dockerd checks them (moby daemon/top_unix.go validatePSArgs): a
 * column renamed to PID ({@code -o user=PID}) would make another column read as the pids, so only {@code pid=PID}
 * may do it.
 */
final class TopArgs {
    private static final Pattern RENAMED_TO_PID = Pattern.compile("\\s+(\\S*)=\\s*(PID\\S*)");

    private TopArgs() {
    }

    /** The arguments as given; 400 in dockerd's words for a column renamed to PID. */
    static String check(String psArgs) {
        String args = psArgs == null ? "" : psArgs;
        Matcher renamed = RENAMED_TO_PID.matcher(args);
        while (renamed.find()) {
            if (!renamed.group(1).equals("pid")) {
                throw new InvalidParameterException("specifying \"" + renamed.group(1) + "=" + renamed.group(2)
                        + "\" is not allowed");
            }
        }
        return args;
    }
}
