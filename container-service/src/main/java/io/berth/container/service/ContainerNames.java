package io.berth.container.service;

import io.berth.kit.errors.InvalidParameterException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** Container ids and names as Docker makes and checks them. */
final class ContainerNames {
    /** moby daemon/names.go: {@code [a-zA-Z0-9][a-zA-Z0-9_.-]+}. */
    private static final Pattern VALID_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    /**
     * Docker takes names of any length; Berth keeps up to this many characters (the column, and what a unique index
     * holds), and says so rather than failing in the database.
     */
    static final int MAX_LENGTH = 1024;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> ADJECTIVES = List.of("brave", "calm", "eager", "fond", "gentle", "happy", "keen",
            "lucid", "merry", "nifty", "proud", "quiet", "sharp", "tender", "vivid", "wise", "zen", "bold", "crisp", "jolly");
    private static final List<String> NAMES = List.of("hopper", "lovelace", "turing", "knuth", "ritchie", "thompson",
            "liskov", "dijkstra", "hamilton", "torvalds", "babbage", "noether", "curie", "shannon", "backus", "kay",
            "lamport", "wirth", "mccarthy", "goldberg");

    private ContainerNames() {
    }

    /** 64 hex digits from a secure random source, like Docker's container ids. */
    static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Docker's two-word random names; a clash is retried by the caller, and from the first retry on a digit is
     * added, as moby's namesgenerator does.
     */
    static String randomName(int retry) {
        String name = ADJECTIVES.get(RANDOM.nextInt(ADJECTIVES.size())) + "_" + NAMES.get(RANDOM.nextInt(NAMES.size()));
        return retry == 0 ? name : name + RANDOM.nextInt(10);
    }

    /** The name without Docker's leading slash, or 400 with Docker's message. */
    static String validate(String requested) {
        String name = requested.startsWith("/") ? requested.substring(1) : requested;
        if (name.length() > MAX_LENGTH) {
            throw new InvalidParameterException("Invalid container name (" + name.substring(0, 32) + "…, "
                    + name.length() + " characters): Berth keeps names of up to " + MAX_LENGTH + " characters");
        }
        if (!VALID_NAME.matcher(name).matches()) {
            throw new InvalidParameterException("Invalid container name (" + requested + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        return name;
    }
}
