package io.berth.image.build.steps;

import io.berth.kit.errors.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The numeric user and group a RUN step's or a container's process runs as (one mechanism for both: a container's
 * through {@code service/ProcessUsers}), from the stage's or container's {@code USER} ({@code user},
 * {@code user:group}, names or numbers) and the image's {@code /etc/passwd} and {@code /etc/group}, as runc's user
 * lookup does in a Docker container: a name must be there, a number need not; a user alone runs with its primary
 * group (0 when the number is not in {@code /etc/passwd}).
 *
 * @see <a href="https://github.com/moby/sys/blob/user/v0.1.0/user/user.go">moby/sys user.GetExecUser</a>
 */
public record ProcessUser(int uid, int gid) {
    public static final ProcessUser ROOT = new ProcessUser(0, 0);

    public static ProcessUser resolve(String user, CopyLayer.Target image) {
        if (user == null || user.isEmpty()) {
            return ROOT;
        }
        int colon = user.indexOf(':');
        String name = colon < 0 ? user : user.substring(0, colon);
        String group = colon < 0 ? null : user.substring(colon + 1);
        String passwd = image.read("/etc/passwd").map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
        Optional<String[]> entry = find(passwd, name, 2);
        int uid;
        int gid;
        if (entry.isPresent()) {
            uid = number(entry.get()[2], user);
            gid = number(entry.get()[3], user);
        } else if (isNumber(name)) {
            uid = id(name);
            gid = 0;
        } else {
            throw new InvalidParameterException("unable to find user " + name + ": no matching entries in passwd file");
        }
        if (group != null && !group.isEmpty()) {
            String groups = image.read("/etc/group").map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
            Optional<String[]> g = find(groups, group, 2);
            if (g.isPresent()) {
                gid = number(g.get()[2], user);
            } else if (isNumber(group)) {
                gid = id(group);
            } else {
                throw new InvalidParameterException("unable to find group " + group + ": no matching entries in group file");
            }
        }
        return new ProcessUser(uid, gid);
    }

    /** The line of a passwd or group file whose name, or whose number (field {@code idField}), is {@code key}. */
    private static Optional<String[]> find(String file, String key, int idField) {
        for (String line : file.split("\n")) {
            String[] fields = line.split(":", -1);
            if (fields.length > idField + 1 && (fields[0].equals(key) || isNumber(key) && fields[idField].equals(key))) {
                return Optional.of(fields);
            }
        }
        return Optional.empty();
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }

    /** A number the user gave: moby/sys/user's range for ids, and its words. */
    private static int id(String digits) {
        long id = digits.length() > 10 ? Long.MAX_VALUE : Long.parseLong(digits);
        if (id > Integer.MAX_VALUE) {
            throw new InvalidParameterException("uids and gids must be in range 0-" + Integer.MAX_VALUE);
        }
        return (int) id;
    }

    private static int number(String text, String user) {
        if (!isNumber(text) || text.length() > 9) {
            throw new InvalidParameterException("the image's user database has a bad entry for " + user);
        }
        return Integer.parseInt(text);
    }
}
