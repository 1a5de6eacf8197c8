package io.berth.image.service;

import io.berth.image.Image;
import io.berth.image.RepoTag;
import io.berth.image.oci.OciImageConfig;
import io.berth.image.oci.OciJson;
import io.berth.image.store.ImageEntity;
import io.berth.image.store.TagEntity;
import io.berth.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Turns rows into the {@link Image} the use cases answer with. */
final class ImageRows {
    private ImageRows() {
    }

    static Image of(ImageEntity row, List<TagEntity> tags) {
        OciImageConfig config = OciJson.read(row.configJson.getBytes(StandardCharsets.UTF_8), OciImageConfig.class);
        return new Image(Digest.parse(row.id), Digest.parse(row.manifestDigest), row.mediaType, config, row.size, row.created,
                tags.stream().map(tag -> new RepoTag(tag.repository, tag.tag, tag.taggedAt)).toList());
    }
}
