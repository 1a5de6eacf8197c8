package io.berth.worker.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.berth.kit.errors.NotFoundException;
import io.berth.kit.tenant.TenantId;
import io.berth.worker.Files2;
import io.berth.worker.NodePaths;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads and writes containers' {@code meta.json}, atomically, so a crash leaves the old or the new one. */
@ApplicationScoped
public class MetaStore {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** Container ids are Docker's: 64 lowercase hex digits. */
    public static final Pattern ID = Pattern.compile("[a-f0-9]{64}");
    private final NodePaths paths;

    public MetaStore(NodePaths paths) {
        this.paths = paths;
    }

    public ContainerDir dir(String id) {
        return new ContainerDir(paths.container(id));
    }

    /** The container's meta; empty when the container does not exist (or is half created). */
    public Optional<ContainerMeta> load(String id) {
        try {
            return Optional.of(JSON.readValue(dir(id).meta().toFile(), ContainerMeta.class));
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (!dir(id).meta().toFile().exists()) {
                return Optional.empty();
            }
            throw new UncheckedIOException("unreadable meta of container " + id, e);
        }
    }

    /** The container's meta when it exists and is the tenant's; another tenant's reads as absent (404). */
    public ContainerMeta owned(TenantId tenant, String id) {
        requireId(id);
        return load(id).filter(meta -> meta.tenant().equals(tenant.value()))
                .orElseThrow(() -> new NotFoundException("No such container: " + id));
    }

    /** A string that is not a container id names no container (404). */
    public static void requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new NotFoundException("No such container: " + id);
        }
    }

    public void save(String id, ContainerMeta meta) {
        try {
            Files2.writeAtomically(dir(id).meta(), JSON.writeValueAsBytes(meta));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
