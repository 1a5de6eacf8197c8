package io.berth.image.archive;

import io.berth.oci.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Small layers and image archives made in memory, good and bad, for load and layer tests. */
public final class TestArchives {
    private TestArchives() {
    }

    /** A tar of these entries: a name ending in "/" is a directory, "a -> b" a symbolic link, "a => b" a hard link. */
    public static byte[] tar(Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                String name = entry.getKey();
                TarArchiveEntry header;
                // Names as given, absolute ones too (commons-compress would drop a leading slash otherwise).
                if (name.contains(" -> ")) {
                    header = new TarArchiveEntry(name.split(" -> ")[0], TarArchiveEntry.LF_SYMLINK, true);
                    header.setLinkName(name.split(" -> ")[1]);
                } else if (name.contains(" => ")) {
                    header = new TarArchiveEntry(name.split(" => ")[0], TarArchiveEntry.LF_LINK, true);
                    header.setLinkName(name.split(" => ")[1]);
                } else {
                    header = new TarArchiveEntry(name, true);
                    if (!name.endsWith("/")) {
                        header.setSize(entry.getValue().getBytes(StandardCharsets.UTF_8).length);
                    }
                }
                tar.putArchiveEntry(header);
                if (header.isFile()) {
                    tar.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] tar(String... namesAndContents) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < namesAndContents.length; i += 2) {
            entries.put(namesAndContents[i], namesAndContents[i + 1]);
        }
        return tar(entries);
    }

    public static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A config naming these diff ids (in the image-spec's words). */
    public static byte[] config(List<String> diffIds, String cmd) {
        StringBuilder ids = new StringBuilder();
        for (String id : diffIds) {
            ids.append(ids.isEmpty() ? "" : ",").append('"').append(id).append('"');
        }
        return ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2024-01-02T03:04:05Z\",\"config\":{\"Cmd\":[\"" + cmd
                + "\"],\"Labels\":{\"made\":\"test\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + ids + "]},\"history\":"
                + "[{\"created\":\"2024-01-02T03:04:05Z\",\"created_by\":\"test\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A docker save archive of one image with these layers (stored as given), in Docker 25's layout when {@code oci},
     * else in Docker 1.10-24's ({@code <id>/layer.tar}, {@code <config hex>.json}).
     */
    public static byte[] archive(List<byte[]> layers, List<String> diffIds, List<String> repoTags, boolean oci) {
        byte[] config = config(diffIds, "sh");
        String configHex = Digest.of(config).hex();
        Map<String, byte[]> members = new LinkedHashMap<>();
        StringBuilder layerNames = new StringBuilder();
        for (byte[] layer : layers) {
            String name = oci ? "blobs/sha256/" + Digest.of(layer).hex() : Digest.of(layer).hex() + "/layer.tar";
            members.put(name, layer);
            layerNames.append(layerNames.isEmpty() ? "" : ",").append('"').append(name).append('"');
        }
        String configName = oci ? "blobs/sha256/" + configHex : configHex + ".json";
        members.put(configName, config);
        StringBuilder tags = new StringBuilder();
        for (String tag : repoTags) {
            tags.append(tags.isEmpty() ? "" : ",").append('"').append(tag).append('"');
        }
        members.put("manifest.json", ("[{\"Config\":\"" + configName + "\",\"RepoTags\":[" + tags + "],\"Layers\":["
                + layerNames + "]}]").getBytes(StandardCharsets.UTF_8));
        if (oci) {
            members.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        }
        return rawTar(members);
    }

    /** A tar of these members, bytes as they are. */
    public static byte[] rawTar(Map<String, byte[]> members) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> member : members.entrySet()) {
                TarArchiveEntry header = new TarArchiveEntry(member.getKey(), true);
                header.setSize(member.getValue().length);
                tar.putArchiveEntry(header);
                tar.write(member.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
