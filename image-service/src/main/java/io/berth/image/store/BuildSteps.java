package io.berth.image.store;

import io.berth.kit.tenant.TenantId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The build cache ({@code build_step}): per tenant, the image a build step with a given cache key made, its manifest,
 * its layers (every blob digest, bottom first, with their sizes unpacked) and its size.
 */
@ApplicationScoped
public class BuildSteps {

    /** One cached step's image. */
    public record Row(String imageId, String manifestDigest, List<String> layers, List<Long> layerSizes) {
    }

    /** A cached step as {@code docker system df} lists it. */
    public record Cached(String cacheKey, String imageId, List<String> layers, List<Long> layerSizes, Instant createdAt) {
    }

    /** Every step the tenant cached, oldest first. Needs a session. */
    public Uni<List<Cached>> listFor(TenantId tenant) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT image_id, manifest_digest, array_to_string(layers, ','), array_to_string(layer_sizes, ','),
                       cache_key, extract(epoch from created_at) * 1000
                FROM build_step WHERE tenant = :tenant ORDER BY created_at, cache_key""", Object[].class)
                .setParameter("tenant", tenant.value())
                .getResultList())
                .map(rows -> rows.stream().map(columns -> {
                    Row row = row(columns);
                    return new Cached((String) columns[4], row.imageId(), row.layers(), row.layerSizes(),
                            Instant.ofEpochMilli(((Number) columns[5]).longValue()));
                }).toList());
    }

    /** The step the tenant cached under {@code key}. Needs a session. */
    public Uni<Optional<Row>> byKey(TenantId tenant, String key) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT image_id, manifest_digest, array_to_string(layers, ','), array_to_string(layer_sizes, ',')
                FROM build_step WHERE tenant = :tenant AND cache_key = :key""", Object[].class)
                .setParameter("tenant", tenant.value())
                .setParameter("key", key)
                .getResultList())
                .map(rows -> rows.stream().findFirst().map(BuildSteps::row));
    }

    /** Any cached step whose image is {@code imageId}. Needs a session. */
    public Uni<Optional<Row>> byImage(TenantId tenant, String imageId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT image_id, manifest_digest, array_to_string(layers, ','), array_to_string(layer_sizes, ',')
                FROM build_step WHERE tenant = :tenant AND image_id = :image LIMIT 1""", Object[].class)
                .setParameter("tenant", tenant.value())
                .setParameter("image", imageId)
                .getResultList())
                .map(rows -> rows.stream().findFirst().map(BuildSteps::row));
    }

    /** Whether a cached step of the tenant needs this blob (its config, manifest or a layer). Needs a session. */
    public Uni<Boolean> references(TenantId tenant, String digest) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT count(*) FROM build_step WHERE tenant = :tenant
                  AND (image_id = :digest OR manifest_digest = :digest OR :digest = ANY(layers))""", Long.class)
                .setParameter("tenant", tenant.value())
                .setParameter("digest", digest)
                .getSingleResult())
                .map(count -> count > 0);
    }

    /**
     * Records what the step with {@code key} made; a step recorded again (a {@code --no-cache} build, or two builds at
     * once) points the key at the newest image. Needs a transaction.
     */
    public Uni<Void> put(TenantId tenant, String key, Row row, long size, Instant at) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO build_step (tenant, cache_key, image_id, manifest_digest, layers, layer_sizes, size, created_at)
                VALUES (:tenant, :key, :image, :manifest, string_to_array(:layers, ',')::varchar[],
                        string_to_array(:sizes, ',')::bigint[], :size, :at)
                ON CONFLICT ON CONSTRAINT build_step_pk DO UPDATE SET image_id = EXCLUDED.image_id,
                    manifest_digest = EXCLUDED.manifest_digest, layers = EXCLUDED.layers,
                    layer_sizes = EXCLUDED.layer_sizes, size = EXCLUDED.size, created_at = EXCLUDED.created_at""")
                .setParameter("tenant", tenant.value())
                .setParameter("key", key)
                .setParameter("image", row.imageId())
                .setParameter("manifest", row.manifestDigest())
                .setParameter("layers", String.join(",", row.layers()))
                .setParameter("sizes", String.join(",", row.layerSizes().stream().map(String::valueOf).toList()))
                .setParameter("size", size)
                .setParameter("at", at)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** Removes every cached step of the tenant; answers their cache keys and every blob they named. Needs a transaction. */
    public Uni<List<Object[]>> deleteAll(TenantId tenant) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                DELETE FROM build_step WHERE tenant = :tenant
                RETURNING cache_key, image_id, manifest_digest, array_to_string(layers, ',')""", Object[].class)
                .setParameter("tenant", tenant.value())
                .getResultList());
    }

    private static Row row(Object[] columns) {
        String layers = (String) columns[2];
        String sizes = (String) columns[3];
        return new Row((String) columns[0], (String) columns[1],
                layers == null || layers.isEmpty() ? List.of() : Arrays.asList(layers.split(",")),
                sizes == null || sizes.isEmpty() ? List.of() : Arrays.stream(sizes.split(",")).map(Long::valueOf).toList());
    }
}
