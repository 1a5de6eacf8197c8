package io.berth.container;

import io.berth.kit.errors.InvalidParameterException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The uid and gid a process runs as (the OCI spec's {@code process.user}). A container's comes from image-service,
 * which resolves its {@code User} (or its image's) against the image's {@code /etc/passwd} and {@code /etc/group}
 * with the resolver RUN steps use (the resolve call's {@code processUser}). {@link #of} is what {@code docker exec
 * --user} still goes through: numeric {@code uid[:gid]} only, a name refused rather than run as root, until exec asks
 * image-service too (notes/issue-8.md, "Next").
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
