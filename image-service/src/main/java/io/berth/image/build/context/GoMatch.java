package io.berth.image.build.context;

/**
 * Go's {@code filepath.Match}, which COPY and ADD use for wildcard sources ({@code COPY *.txt /dst/}): {@code *} is
 * any run of characters but {@code /}, {@code ?} one character but {@code /}, {@code [a-z]} and {@code [^a-z]} are
 * classes, {@code \} escapes. Unlike .dockerignore there is no {@code **}.
 *
 * @see <a href="https://pkg.go.dev/path/filepath#Match">filepath.Match</a>
 */
public final class GoMatch {
    private GoMatch() {}

    /** Whether {@code name} matches {@code pattern}; a malformed pattern is an error ({@code syntax error in pattern}). */
    public static boolean match(String pattern, String name) {
        while (!pattern.isEmpty()) {
            int stars = 0;
            while (stars < pattern.length() && pattern.charAt(stars) == '*') {
                stars++;
            }
            boolean star = stars > 0;
            pattern = pattern.substring(stars);
            int end = chunkEnd(pattern);
            String chunk = pattern.substring(0, end);
            pattern = pattern.substring(end);
            if (star && chunk.isEmpty()) {
                // A trailing * matches the rest of the name unless it has a separator.
                return name.indexOf('/') < 0;
            }
            String rest = matchChunk(chunk, name);
            if (rest != null && (rest.isEmpty() || !pattern.isEmpty())) {
                name = rest;
                continue;
            }
            boolean matched = false;
            if (star) {
                for (int i = 0; i < name.length() && name.charAt(i) != '/'; i++) {
                    rest = matchChunk(chunk, name.substring(i + 1));
                    if (rest != null) {
                        if (pattern.isEmpty() && !rest.isEmpty()) {
                            continue;
                        }
                        name = rest;
                        matched = true;
                        break;
                    }
                }
            }
            if (matched) {
                continue;
            }
            // Before answering no, the rest of the pattern must still be well formed.
            while (!pattern.isEmpty()) {
                int s = 0;
                while (s < pattern.length() && pattern.charAt(s) == '*') {
                    s++;
                }
                pattern = pattern.substring(s);
                int e = chunkEnd(pattern);
                matchChunk(pattern.substring(0, e), "");
                pattern = pattern.substring(e);
            }
            return false;
        }
        return name.isEmpty();
    }

    /** Where the chunk at the start of {@code pattern} ends: at the first {@code *} outside a class. */
    private static int chunkEnd(String pattern) {
        boolean inRange = false;
        int i = 0;
        for (; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i + 1 < pattern.length()) {
                    i++;
                }
            } else if (c == '[') {
                inRange = true;
            } else if (c == ']') {
                inRange = false;
            } else if (c == '*' && !inRange) {
                break;
            }
        }
        return i;
    }

    /** What is left of {@code s} after {@code chunk} matched its start, or null when it does not. */
    private static String matchChunk(String chunk, String s) {
        boolean failed = false;
        int c = 0;
        int p = 0;
        while (c < chunk.length()) {
            if (!failed && p >= s.length()) {
                failed = true;
            }
            char ch = chunk.charAt(c);
            if (ch == '[') {
                int r = -1;
                if (!failed) {
                    r = s.codePointAt(p);
                    p += Character.charCount(r);
                }
                c++;
                boolean negated = c < chunk.length() && chunk.charAt(c) == '^';
                if (negated) {
                    c++;
                }
                boolean match = false;
                int ranges = 0;
                while (true) {
                    if (c < chunk.length() && chunk.charAt(c) == ']' && ranges > 0) {
                        c++;
                        break;
                    }
                    int[] lo = escaped(chunk, c);
                    c = lo[1];
                    int hi = lo[0];
                    if (chunk.charAt(c) == '-') {
                        int[] h = escaped(chunk, c + 1);
                        hi = h[0];
                        c = h[1];
                    }
                    if (lo[0] <= r && r <= hi) {
                        match = true;
                    }
                    ranges++;
                }
                if (match == negated) {
                    failed = true;
                }
            } else if (ch == '?') {
                if (!failed) {
                    if (s.charAt(p) == '/') {
                        failed = true;
                    }
                    p += Character.charCount(s.codePointAt(p));
                }
                c++;
            } else {
                if (ch == '\\') {
                    c++;
                    if (c >= chunk.length()) {
                        throw bad();
                    }
                    ch = chunk.charAt(c);
                }
                if (!failed) {
                    if (ch != s.charAt(p)) {
                        failed = true;
                    }
                    p++;
                }
                c++;
            }
        }
        return failed ? null : s.substring(p);
    }

    /** One (possibly escaped) class character at {@code i}: {@code [char, next index]}; the class must go on after it. */
    private static int[] escaped(String chunk, int i) {
        if (i >= chunk.length() || chunk.charAt(i) == '-' || chunk.charAt(i) == ']') {
            throw bad();
        }
        if (chunk.charAt(i) == '\\') {
            i++;
            if (i >= chunk.length()) {
                throw bad();
            }
        }
        int r = chunk.codePointAt(i);
        int next = i + Character.charCount(r);
        if (next >= chunk.length()) {
            throw bad();
        }
        return new int[] {r, next};
    }

    private static IllegalArgumentException bad() {
        return new IllegalArgumentException("syntax error in pattern");
    }
}
