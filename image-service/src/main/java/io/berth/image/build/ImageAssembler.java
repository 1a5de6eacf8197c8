package io.berth.image.build;

import io.berth.image.oci.MediaTypes;
import io.berth.image.oci.OciDescriptor;
import io.berth.image.oci.OciImageConfig;
import io.berth.image.oci.OciJson;
import io.berth.image.oci.OciManifest;
import io.berth.oci.Digest;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Puts layers and run defaults together into an OCI image config and manifest. */
public final class ImageAssembler {
    private ImageAssembler() {
    }

    /** The image config for these layers; {@code createdBy} says, in the history, how the layers were made. */
    public static OciImageConfig config(List<BuiltLayer> layers, OciImageConfig.RunConfig run, Instant created, String createdBy) {
        String when = DateTimeFormatter.ISO_INSTANT.format(created);
        return new OciImageConfig(when, null, "amd64", null, "linux", run,
                new OciImageConfig.RootFs("layers", layers.stream().map(layer -> layer.diffId().toString()).toList()),
                layers.stream().map(layer -> new OciImageConfig.History(when, createdBy, null, null, null)).toList());
    }

    /** The manifest referencing this config and these layers. */
    public static OciManifest manifest(byte[] config, List<BuiltLayer> layers) {
        return OciManifest.of(OciDescriptor.of(MediaTypes.OCI_CONFIG, Digest.of(config).toString(), config.length),
                layers.stream().map(layer -> OciDescriptor.of(MediaTypes.OCI_LAYER_GZIP, layer.digest().toString(),
                        layer.compressed().length)).toList());
    }

    /** The whole image, bytes and digests. */
    public static BuiltImage assemble(List<BuiltLayer> layers, OciImageConfig.RunConfig run, Instant created, String createdBy) {
        byte[] config = OciJson.write(config(layers, run, created, createdBy));
        byte[] manifest = OciJson.write(manifest(config, layers));
        return new BuiltImage(config, Digest.of(config), manifest, Digest.of(manifest), MediaTypes.OCI_MANIFEST,
                List.copyOf(layers), created);
    }
}
