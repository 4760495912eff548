package dev.berth.ipam.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.ipam.api.AddressAllocator;
import dev.berth.ipam.api.AddressPlan;
import dev.berth.ipam.api.AddressRequest;
import dev.berth.ipam.api.AddressSpaces;
import dev.berth.ipam.api.AllocatedAddress;
import dev.berth.ipam.api.IpamException;
import dev.berth.ipam.api.IpamSchema;
import dev.berth.ipam.api.NodeBlock;
import dev.berth.ipam.api.PoolGrant;
import dev.berth.ipam.api.PoolRequest;
import dev.berth.ipam.api.PoolUsage;
import dev.berth.store.api.Migration;
import dev.berth.store.api.Store;

/**
 * The address allocator on the store, with pools carved as the IPAM schema says: per network, or per cluster node
 * inside blocks this node claimed.
 */
@Component(service = {AddressAllocator.class, AddressPlan.class}, immediate = true,
        configurationPid = "dev.berth.ipam", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = IpamConfiguration.class)
public final class IpamService implements AddressAllocator {

    private static final Logger LOG = LoggerFactory.getLogger(IpamService.class);
    static final List<Migration> MIGRATIONS = List.of(
            Migration.fromResource(1, "pools, addresses, carving cursors", IpamService.class, "V1__pools.sql"),
            Migration.fromResource(2, "blocks of cluster nodes", IpamService.class, "V2__node_blocks.sql"));

    private final Store store;
    private final IpamSchema schema;
    private final String node;
    private final PoolGrants pools;
    private final AddressGrants addresses;

    /**
     * Loads the schema and brings the database schema up to date.
     *
     * @param store the store
     * @param config the configuration
     * @throws IOException when the schema file or the host name cannot be read
     * @throws SchemaException when the schema is invalid
     */
    @Activate
    public IpamService(@Reference Store store, IpamConfiguration config) throws IOException, SchemaException {
        this(store, load(config.schema_file()), config.host_name().isBlank() ? kernelHostName()
                : config.host_name().trim());
    }

    /** Builds the allocator of the node the kernel names. */
    IpamService(Store store, IpamSchema schema) throws IOException {
        this(store, schema, kernelHostName());
    }

    IpamService(Store store, IpamSchema schema, String node) {
        this.store = store;
        this.schema = schema;
        this.node = node;
        this.pools = new PoolGrants(schema, node);
        this.addresses = new AddressGrants();
        store.migrate("ipam", MIGRATIONS);
        LOG.info("IPAM schema {}: {} pools in address spaces {}; this node is '{}'", schema.source(),
                schema.pools().size(), schema.pools().stream().map(p -> p.addressSpace()).distinct().toList(), node);
    }

    private static String kernelHostName() throws IOException {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            throw new IOException("cannot read the host name; set dev.berth.ipam host.name", e);
        }
    }

    static IpamSchema load(String configured) throws IOException, SchemaException {
        Path file = configured.isBlank()
                ? Path.of(System.getProperty("karaf.etc", "etc"), "ipam-schema.yaml") : Path.of(configured);
        if (Files.isRegularFile(file)) {
            return SchemaParser.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        }
        if (!configured.isBlank()) {
            throw new IOException("the IPAM schema file " + file + " does not exist");
        }
        try (InputStream in = IpamService.class.getResourceAsStream("default-schema.yaml")) {
            return SchemaParser.parse("built-in default schema", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Override
    public AddressSpaces defaultAddressSpaces() {
        return schema.spaces();
    }

    @Override
    public PoolGrant requestPool(PoolRequest request) {
        PoolGrant grant = store.transaction(c -> pools.request(c, request));
        LOG.info("Granted pool {}", grant.poolId());
        return grant;
    }

    @Override
    public void releasePool(String poolId) {
        boolean gone = store.transaction(c -> pools.release(c, poolId));
        LOG.info(gone ? "Released pool {}" : "Dropped one reference to pool {}", poolId);
    }

    @Override
    public AllocatedAddress requestAddress(AddressRequest request) {
        AllocatedAddress allocated = store.transaction(c -> addresses.request(c, pool(c, request.poolId()), request));
        LOG.debug("Allocated {} in pool {} ({})", allocated.cidr(), allocated.poolId(), allocated.kind());
        return allocated;
    }

    @Override
    public void releaseAddress(String poolId, InetAddress address) {
        store.transaction(c -> {
            addresses.release(c, pool(c, poolId), address);
            return null;
        });
        LOG.debug("Released {} in pool {}", address, poolId);
    }

    @Override
    public List<PoolUsage> pools() {
        return store.transaction(c -> PoolTable.all(c).stream().map(PoolRow::usage).toList());
    }

    @Override
    public List<AllocatedAddress> allocations(String poolId) {
        return store.transaction(c -> AddressTable.list(c, pool(c, poolId)));
    }

    @Override
    public IpamSchema schema() {
        return schema;
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public List<NodeBlock> blocks() {
        return store.transaction(NodeBlockTable::all);
    }

    private static PoolRow pool(java.sql.Connection c, String poolId) throws java.sql.SQLException {
        return PoolTable.find(c, poolId).orElseThrow(() -> new IpamException(IpamException.Reason.NOT_FOUND,
                "no pool '" + poolId + "' is granted"));
    }
}
