package io.berth.gateway.proxy;

import io.vertx.core.MultiMap;

/** Status and headers of an HTTP/1.1 response head read off a raw socket (RFC 9112 §4, §5). */
record AnswerHead(int status, MultiMap headers) {
    /** Parses the head without its final empty line; {@link IllegalArgumentException} when it is not HTTP. */
    static AnswerHead parse(String head) {
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IllegalArgumentException("bad status line: " + lines[0]);
        }
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad status: " + statusLine[1]);
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
            }
        }
        return new AnswerHead(status, headers);
    }
}
