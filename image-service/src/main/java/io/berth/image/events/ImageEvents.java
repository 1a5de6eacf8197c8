package io.berth.image.events;

import io.berth.events.CloudEvent;
import io.berth.events.EventKind;
import io.berth.events.image.ImageEvent;
import io.berth.image.Image;
import io.berth.kit.tenant.TenantId;
import io.berth.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Writes image events to the outbox, inside the caller's transaction, as dockerd logs them (moby daemon/images
 * LogImageEvent): the actor is the image id, or the reference for pull and push; {@code name} is Docker's attribute.
 */
@ApplicationScoped
public class ImageEvents {
    static final String SOURCE = "/berth/image-service";

    private final Outbox outbox;

    ImageEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** An action on the image itself: tag (name = the new reference), untag, delete, import, load, save (name = id). */
    public Uni<Void> publish(TenantId tenant, String action, Image image, String name) {
        return publish(tenant, action, image.id().toString(), name, labels(image));
    }

    /** Any image action, with the actor and attributes given. */
    public Uni<Void> publish(TenantId tenant, String action, String actor, String name, Map<String, String> labels) {
        return outbox.add(CloudEvent.of(SOURCE, EventKind.IMAGE, action, actor, tenant.value(),
                new ImageEvent(actor, name, labels)));
    }

    public static Map<String, String> labels(Image image) {
        if (image.config().config() == null || image.config().config().labels() == null) {
            return Map.of();
        }
        return image.config().config().labels();
    }
}
