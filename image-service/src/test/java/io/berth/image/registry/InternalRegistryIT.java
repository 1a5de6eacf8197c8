package io.berth.image.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.berth.image.BlobRootResource;
import io.berth.image.oci.MediaTypes;
import io.berth.image.oci.OciDescriptor;
import io.berth.image.oci.OciImageConfig;
import io.berth.image.oci.OciJson;
import io.berth.image.oci.OciManifest;
import io.berth.oci.Digest;
import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = BlobRootResource.class, restrictToAnnotatedClass = true)
class InternalRegistryIT {
    private static RequestSpecification as(String tenant) {
        return given().header("X-Berth-Tenant", tenant);
    }

    private static String repoDigest() {
        String repoDigest = as("default").get("/images/busybox/json").then().statusCode(200).extract().path("RepoDigests[0]");
        return repoDigest.substring(repoDigest.indexOf('@') + 1);
    }

    private static byte[] manifestBytes(String reference) {
        return as("default").get("/internal/v2/busybox/manifests/" + reference).then().statusCode(200).extract().asByteArray();
    }

    @Test
    void baseAnswersEmptyJson() {
        as("default").get("/internal/v2/").then().statusCode(200).contentType("application/json").body(equalTo("{}"))
                .header("Docker-Distribution-API-Version", "registry/2.0");
    }

    @Test
    void manifestByTagAndDigestIsTheOneInspectNames() {
        String digest = repoDigest();
        Response byTag = as("default").get("/internal/v2/busybox/manifests/latest");
        byTag.then().statusCode(200)
                .header("Content-Type", MediaTypes.OCI_MANIFEST)
                .header("Docker-Content-Digest", digest);
        byte[] body = byTag.asByteArray();
        assertThat(byTag.header("Content-Length")).isEqualTo(String.valueOf(body.length));
        assertThat(Digest.of(body).toString()).isEqualTo(digest);
        assertThat(manifestBytes(digest)).isEqualTo(body);
        // The worker may name the repository fully; it is the same one.
        assertThat(as("default").get("/internal/v2/library/busybox/manifests/latest").then().statusCode(200).extract().asByteArray()).isEqualTo(body);

        OciManifest manifest = OciJson.read(body, OciManifest.class);
        assertThat(manifest.schemaVersion()).isEqualTo(2);
        assertThat(manifest.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(manifest.config().mediaType()).isEqualTo(MediaTypes.OCI_CONFIG);
        String id = as("default").get("/images/busybox/json").then().extract().path("Id");
        assertThat(manifest.config().digest()).isEqualTo(id);
        assertThat(manifest.layers()).singleElement().extracting(OciDescriptor::mediaType).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
    }

    @Test
    void headOnManifestsAnswersHeadersOnly() {
        String digest = repoDigest();
        int length = manifestBytes("latest").length;
        for (String reference : List.of("latest", digest)) {
            Response head = as("default").head("/internal/v2/busybox/manifests/" + reference);
            head.then().statusCode(200)
                    .header("Content-Type", MediaTypes.OCI_MANIFEST)
                    .header("Docker-Content-Digest", digest)
                    .header("Content-Length", String.valueOf(length));
            assertThat(head.asByteArray()).isEmpty();
        }
    }

    @Test
    void blobsComeBackWithTheirDigests() throws IOException {
        OciManifest manifest = OciJson.read(manifestBytes("latest"), OciManifest.class);
        List<OciDescriptor> blobs = new ArrayList<>(manifest.layers());
        blobs.add(manifest.config());
        for (OciDescriptor blob : blobs) {
            Response got = as("default").get("/internal/v2/busybox/blobs/" + blob.digest());
            got.then().statusCode(200).header("Docker-Content-Digest", blob.digest())
                    .header("Content-Length", String.valueOf(blob.size()));
            byte[] bytes = got.asByteArray();
            assertThat(bytes).hasSize((int) blob.size());
            assertThat(Digest.of(bytes).toString()).isEqualTo(blob.digest());

            Response head = as("default").head("/internal/v2/busybox/blobs/" + blob.digest());
            head.then().statusCode(200).header("Docker-Content-Digest", blob.digest())
                    .header("Content-Length", String.valueOf(blob.size()));
            assertThat(head.asByteArray()).isEmpty();
        }

        // The config names the layer's diff id, the sha256 of the tar inside the gzip; the tar holds busybox.
        byte[] config = as("default").get("/internal/v2/busybox/blobs/" + manifest.config().digest()).asByteArray();
        OciImageConfig image = OciJson.read(config, OciImageConfig.class);
        byte[] layer = as("default").get("/internal/v2/busybox/blobs/" + manifest.layers().get(0).digest()).asByteArray();
        byte[] tar;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(layer))) {
            tar = in.readAllBytes();
        }
        assertThat(image.rootfs().diffIds()).containsExactly(Digest.of(tar).toString());
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream entries = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        assertThat(names).contains("bin/busybox", "bin/sh", "etc/passwd", "tmp/");
    }

    @Test
    void unknownThingsAnswerInTheRegistrysShape() {
        String zeros = "sha256:" + "0".repeat(64);
        as("default").get("/internal/v2/busybox/manifests/nosuch").then().statusCode(404).contentType("application/json")
                .body("errors[0].code", equalTo("MANIFEST_UNKNOWN"))
                .body("errors[0].message", equalTo("manifest unknown"))
                .body("errors[0].detail", equalTo(Map.of("name", "busybox", "reference", "nosuch")));
        as("default").get("/internal/v2/busybox/manifests/" + zeros).then().statusCode(404).body("errors[0].code", equalTo("MANIFEST_UNKNOWN"));
        as("default").get("/internal/v2/busybox/blobs/" + zeros).then().statusCode(404).body("errors[0].code", equalTo("BLOB_UNKNOWN"));
        as("default").head("/internal/v2/busybox/blobs/" + zeros).then().statusCode(404);
        as("default").get("/internal/v2/nosuch/manifests/latest").then().statusCode(404).body("errors[0].code", equalTo("NAME_UNKNOWN"));
        as("default").get("/internal/v2/team/app/blobs/" + zeros).then().statusCode(404).body("errors[0].code", equalTo("NAME_UNKNOWN"));
        as("default").get("/internal/v2/busybox/manifests/sha256:totallywrong").then().statusCode(400).body("errors[0].code", equalTo("DIGEST_INVALID"));
        as("default").get("/internal/v2/busybox/blobs/notadigest").then().statusCode(400).body("errors[0].code", equalTo("DIGEST_INVALID"));
        as("default").get("/internal/v2/Bad!Name/manifests/latest").then().statusCode(400).body("errors[0].code", equalTo("NAME_INVALID"));
    }

    @Test
    void anotherTenantSeesNoRepository() {
        String digest = repoDigest();
        String layer = OciJson.read(manifestBytes("latest"), OciManifest.class).layers().get(0).digest();
        as("acme").get("/internal/v2/busybox/manifests/latest").then().statusCode(404).body("errors[0].code", equalTo("NAME_UNKNOWN"));
        as("acme").get("/internal/v2/busybox/manifests/" + digest).then().statusCode(404).body("errors[0].code", equalTo("NAME_UNKNOWN"));
        as("acme").get("/internal/v2/busybox/blobs/" + layer).then().statusCode(404).body("errors[0].code", equalTo("NAME_UNKNOWN"));
        as("acme").head("/internal/v2/busybox/blobs/" + layer).then().statusCode(404);
        given().get("/internal/v2/busybox/manifests/latest").then().statusCode(400).body("message", equalTo("internal call without a tenant"));
    }
}
