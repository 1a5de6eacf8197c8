package io.berth.network.store;

import io.berth.kit.store.StringMapJson;
import io.berth.kit.tenant.TenantId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.regex.Pattern;

/** A tenant's networks; another tenant's network is never found. */
@ApplicationScoped
public class NetworkRepository implements PanacheRepositoryBase<NetworkEntity, String> {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{1,64}");
    private static final StringMapJson MAP_JSON = new StringMapJson();
    private static final IpamJson IPAM_JSON = new IpamJson();

    // A plain insert would fail the second of two concurrent first calls; "on conflict do nothing" lets it wait for
    // the first one's row and then keep it, ids included.
    private static final String INSERT_IF_ABSENT = """
            INSERT INTO network (id, tenant, name, driver, scope, internal, attachable, enable_ipv4, enable_ipv6,
                                 ipam_json, options_json, labels_json, bridge, created_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, now())
            ON CONFLICT DO NOTHING""";

    /**
     * Every choice of a subnet or a bridge name on the node is made under this transaction-scoped lock, so two creates
     * at once (of any tenants, on any replica) never take the same one. The key is Berth's, as the outbox relay's.
     */
    private static final String LOCK_ALLOCATION = "SELECT pg_advisory_xact_lock(20251130, 1)";

    /** Inserts each network unless the tenant already has one of that name; existing rows stay as they are. */
    public Uni<Void> insertIfAbsent(List<NetworkEntity> networks) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (NetworkEntity network : networks) {
            chain = chain.chain(() -> insertIfAbsent(network));
        }
        return chain;
    }

    private Uni<Void> insertIfAbsent(NetworkEntity n) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT_IF_ABSENT)
                .setParameter(1, n.id).setParameter(2, n.tenant).setParameter(3, n.name).setParameter(4, n.driver)
                .setParameter(5, n.scope).setParameter(6, n.internal).setParameter(7, n.attachable)
                .setParameter(8, n.enableIpv4).setParameter(9, n.enableIpv6)
                .setParameter(10, IPAM_JSON.convertToDatabaseColumn(n.ipam))
                .setParameter(11, MAP_JSON.convertToDatabaseColumn(n.options))
                .setParameter(12, MAP_JSON.convertToDatabaseColumn(n.labels))
                .setParameter(13, n.bridge)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** Takes the node's allocation lock until the current transaction ends. */
    public Uni<Void> lockAllocation() {
        return Panache.getSession().chain(session -> session.createNativeQuery(LOCK_ALLOCATION).getSingleResult())
                .replaceWithVoid();
    }

    /** Whether the tenant's predefined networks exist already. */
    public Uni<Boolean> hasPredefined(TenantId tenant) {
        return count("tenant = ?1 and name = 'bridge'", tenant.value()).map(n -> n > 0);
    }

    /** Every network on the node, of every tenant: their subnets and bridges share the node. */
    public Uni<List<NetworkEntity>> onNode() {
        return listAll();
    }

    public Uni<NetworkEntity> byName(TenantId tenant, String name) {
        return find("tenant = ?1 and name = ?2", tenant.value(), name).firstResult();
    }

    /** Deletes with a query, never {@code session.remove} (hibernate-reactive#1713, container-service/README.md). */
    public Uni<Void> deleteRow(String id) {
        return delete("id", id).replaceWithVoid();
    }

    public Uni<List<NetworkEntity>> listFor(TenantId tenant) {
        return list("tenant = ?1 order by name", tenant.value());
    }

    /**
     * The networks a reference could mean: the one with that full id or name, and every one whose id starts with
     * it. Which wins is {@code NetworkLookup}'s to decide.
     */
    public Uni<List<NetworkEntity>> candidates(TenantId tenant, String term) {
        if (!HEX.matcher(term).matches()) {
            // Ids are lower-case hex: anything else can only be a name.
            return list("tenant = ?1 and name = ?2", tenant.value(), term);
        }
        return list("tenant = ?1 and (name = ?2 or id like ?3)", tenant.value(), term, term + "%");
    }
}
