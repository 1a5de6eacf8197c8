package io.berth.container.api;

import io.berth.kit.errors.InvalidParameterException;

/** The {@code h} and {@code w} of a resize, read as dockerd reads them (Go's {@code strconv.Atoi}, then unsigned). */
final class TerminalSizes {
    private TerminalSizes() {
    }

    static int parse(String value) {
        String text = value == null ? "" : value;
        try {
            int size = Integer.parseInt(text);
            if (size < 0) {
                throw new InvalidParameterException("invalid terminal size " + text + ": it must not be negative");
            }
            return size;
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("strconv.Atoi: parsing \"" + text + "\": invalid syntax");
        }
    }
}
