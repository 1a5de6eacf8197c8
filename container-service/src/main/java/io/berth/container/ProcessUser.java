package io.berth.container;

import io.berth.kit.errors.InvalidParameterException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user a container's process runs as (the OCI spec's {@code process.user}), from Docker's {@code User}: the
 * container's, else its image's. Berth cannot read an image's {@code /etc/passwd} yet (issue 9), so only numeric
 * {@code uid[:gid]} is honoured, and a name is refused rather than run as root. A uid alone runs with gid 0, as
 * Docker runs a uid the image's passwd file does not list; for a uid that file does list, Docker would take its group
 * and supplementary groups from the image (issue 9).
 *
 * @see <a href="https://docs.docker.com/reference/cli/docker/container/run/#user">docker run --user</a>
 */
public record ProcessUser(int uid, int gid) {
    public static final ProcessUser ROOT = new ProcessUser(0, 0);
    private static final Pattern NUMERIC = Pattern.compile("(\\d+)(?::(\\d+))?");

    /** The container's {@code User} when given, else the image's; root when neither is. */
    public static ProcessUser of(String requested, String imageDefault) {
        if (requested != null && !requested.isEmpty()) {
            return parse(requested, "User \"" + requested + "\" must be a numeric uid[:gid]");
        }
        if (imageDefault != null && !imageDefault.isEmpty()) {
            return parse(imageDefault, "the image runs as User \"" + imageDefault + "\"; set User to a numeric uid[:gid]");
        }
        return ROOT;
    }

    private static ProcessUser parse(String user, String unsupported) {
        Matcher numeric = NUMERIC.matcher(user);
        if (!numeric.matches()) {
            throw new InvalidParameterException("Berth cannot resolve user and group names yet: " + unsupported);
        }
        return new ProcessUser(id(numeric.group(1)), numeric.group(2) == null ? 0 : id(numeric.group(2)));
    }

    /** moby/sys/user's range for ids, and its words. */
    private static int id(String digits) {
        long id = digits.length() > 10 ? Long.MAX_VALUE : Long.parseLong(digits);
        if (id > Integer.MAX_VALUE) {
            throw new InvalidParameterException("uids and gids must be in range 0-" + Integer.MAX_VALUE);
        }
        return (int) id;
    }
}
