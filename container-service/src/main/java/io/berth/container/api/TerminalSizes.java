package io.berth.container.api;

import java.util.List;

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

    /** A {@code ConsoleSize}: [rows, columns] of two numbers of 0 or more, or nothing ({0, 0}). */
    static int[] consoleSize(List<Integer> size, String name) {
        if (size == null || size.isEmpty()) {
            return new int[] {0, 0};
        }
        if (size.size() != 2 || size.contains(null) || size.get(0) < 0 || size.get(1) < 0) {
            throw new InvalidParameterException(name + " must be [height, width] of two numbers that are not negative");
        }
        return new int[] {size.get(0), size.get(1)};
    }
}
