package io.berth.image.api;

import io.vertx.core.json.JsonObject;

/**
 * Docker's JSON progress messages (moby pkg/jsonmessage): {@code status}, {@code id}, {@code progressDetail} and the
 * text bar the CLI shows when it draws no bar itself.
 */
final class Progress {
    private static final int WIDTH = 50;

    private Progress() {
    }

    /** A status line of one item, e.g. {@code {"status":"Pull complete","id":"abc"}}. */
    static JsonObject status(String status, String id) {
        JsonObject message = new JsonObject().put("status", status);
        if (id != null) {
            message.put("id", id);
        }
        return message;
    }

    /** A progress line: {@code current} of {@code total} bytes done. */
    static JsonObject of(String status, String id, long current, long total) {
        return status(status, id).put("progressDetail", new JsonObject().put("current", current).put("total", total))
                .put("progress", bar(current, total));
    }

    /** A progress line at its end. */
    static JsonObject finished(String status, String id, long total) {
        return of(status, id, total, total);
    }

    /**
     * moby's JSONProgress.String as the daemon renders it for a wide terminal: {@code [=====>     ]  1.2MB/3.4MB}, the
     * arrow at half the percentage, the current size padded to 8 characters.
     */
    static String bar(long current, long total) {
        if (total <= 0) {
            return String.format("%8s", size(current));
        }
        int done = (int) Math.min(50, (int) (current * 100.0 / total) / 2);
        return "[" + "=".repeat(done) + ">" + " ".repeat(50 - done) + "] " + String.format("%8s/%s", size(current), size(total));
    }

    /** Go's units.HumanSize: decimal units, four significant digits, trailing zeros dropped ({@code %.4g}). */
    static String size(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString() + units[unit];
    }
}
