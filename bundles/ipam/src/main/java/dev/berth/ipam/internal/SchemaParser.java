package dev.berth.ipam.internal;

import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import dev.berth.ipam.api.AddressSpaces;
import dev.berth.ipam.api.GatewayPolicy;
import dev.berth.ipam.api.IpPrefix;
import dev.berth.ipam.api.IpamSchema;
import dev.berth.ipam.api.PoolDefinition;

/**
 * Reads an IPAM schema (YAML, see {@code docs/ipam-schema.md}) and checks it, naming the line and field of
 * the first problem.
 */
final class SchemaParser {

    private static final Set<String> TOP_KEYS = Set.of("version", "defaults", "spaces");
    private static final Set<String> DEFAULT_KEYS = Set.of("local_space", "global_space");
    private static final Set<String> POOL_KEYS = Set.of("name", "family", "prefixes", "subnet_length", "reserved",
            "gateway", "reserve_head", "default", "node_length", "tags");
    private static final String NAME = "[a-z0-9][a-z0-9_.-]{0,62}";

    private final String source;

    private SchemaParser(String source) {
        this.source = source;
    }

    /**
     * Parses a schema.
     *
     * @param source the file name, for messages
     * @param text the YAML text
     * @return the schema
     * @throws SchemaException naming the line and field of the first problem
     */
    static IpamSchema parse(String source, String text) throws SchemaException {
        return new SchemaParser(source).parse(new StringReader(text));
    }

    private IpamSchema parse(Reader reader) throws SchemaException {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(0);
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            throw new SchemaException(source, e.getProblemMark().getLine() + 1, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new SchemaException(source, 1, "not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new SchemaException(source, 1, "the schema is empty");
        }
        Map<String, NodeTuple> top = mapping(root, "the schema", TOP_KEYS);
        NodeTuple version = require(top, "version", root);
        if (!"1".equals(scalar(version.getValueNode(), "version"))) {
            throw error(version.getValueNode(), "version must be 1");
        }
        String local = "local";
        String global = "global";
        if (top.containsKey("defaults")) {
            Map<String, NodeTuple> defaults = mapping(top.get("defaults").getValueNode(), "defaults", DEFAULT_KEYS);
            local = defaults.containsKey("local_space") ? name(defaults.get("local_space").getValueNode(),
                    "defaults.local_space") : local;
            global = defaults.containsKey("global_space") ? name(defaults.get("global_space").getValueNode(),
                    "defaults.global_space") : global;
        }
        NodeTuple spacesTuple = require(top, "spaces", root);
        Map<String, NodeTuple> spaces = mapping(spacesTuple.getValueNode(), "spaces", null);
        if (!spaces.containsKey(local)) {
            throw error(spacesTuple.getKeyNode(), "spaces must declare the local default space '" + local + "'");
        }
        List<PoolDefinition> pools = new ArrayList<>();
        for (Map.Entry<String, NodeTuple> space : spaces.entrySet()) {
            name(space.getValue().getKeyNode(), "space name");
            pools.addAll(pools(space.getKey(), space.getValue().getValueNode()));
        }
        return new IpamSchema(source, new AddressSpaces(local, global), pools);
    }

    private List<PoolDefinition> pools(String space, Node node) throws SchemaException {
        if (!(node instanceof SequenceNode list)) {
            throw error(node, "space '" + space + "' must be a list of pools");
        }
        List<PoolDefinition> pools = new ArrayList<>();
        Map<String, Node> prefixOwners = new HashMap<>();
        Map<Boolean, String> defaults = new HashMap<>();
        Map<String, PoolDefinition> tagOwners = new HashMap<>();
        for (Node item : list.getValue()) {
            PoolDefinition pool = pool(space, item);
            if (pools.stream().anyMatch(p -> p.name().equals(pool.name()))) {
                throw error(item, "space '" + space + "' declares pool '" + pool.name() + "' twice");
            }
            if (pool.isDefault() && defaults.putIfAbsent(pool.ipv6(), pool.name()) != null) {
                throw error(item, "pool '" + pool.name() + "': space '" + space + "' already has a default "
                        + (pool.ipv6() ? "IPv6" : "IPv4") + " pool '" + defaults.get(pool.ipv6()) + "'");
            }
            for (IpPrefix prefix : pool.prefixes()) {
                for (Map.Entry<String, Node> other : prefixOwners.entrySet()) {
                    if (IpPrefix.parse(other.getKey()).overlaps(prefix)) {
                        throw error(item, "pool '" + pool.name() + "': prefix " + prefix + " overlaps " + other.getKey()
                                + " declared on line " + line(other.getValue()));
                    }
                }
                prefixOwners.put(prefix.toString(), item);
            }
            for (String tag : pool.tags()) {
                PoolDefinition other = tagOwners.putIfAbsent(pool.ipv6() + "/" + tag, pool);
                if (other != null) {
                    throw error(mapping(item, "a pool", POOL_KEYS).get("tags").getValueNode(), "pool '" + pool.name()
                            + "' tags: tag '" + tag + "' is already on " + (pool.ipv6() ? "IPv6" : "IPv4") + " pool '"
                            + other.name() + "' (line " + other.line() + "); a tag selects one pool per space and "
                            + "family");
                }
            }
            pools.add(pool);
        }
        return pools;
    }

    private PoolDefinition pool(String space, Node node) throws SchemaException {
        Map<String, NodeTuple> fields = mapping(node, "a pool", POOL_KEYS);
        String name = name(require(fields, "name", node).getValueNode(), "pool name");
        String what = "pool '" + name + "'";
        NodeTuple familyTuple = require(fields, "family", node);
        String family = scalar(familyTuple.getValueNode(), what + " family");
        if (!family.equals("ipv4") && !family.equals("ipv6")) {
            throw error(familyTuple.getValueNode(), what + ": family must be ipv4 or ipv6, not '" + family + "'");
        }
        boolean ipv6 = family.equals("ipv6");
        List<IpPrefix> prefixes = prefixes(require(fields, "prefixes", node).getValueNode(), what + " prefixes", ipv6);
        if (prefixes.isEmpty()) {
            throw error(fields.get("prefixes").getValueNode(), what + ": prefixes must not be empty");
        }
        NodeTuple lengthTuple = require(fields, "subnet_length", node);
        int length = integer(lengthTuple.getValueNode(), what + " subnet_length");
        int longest = ipv6 ? 126 : 30;
        for (IpPrefix p : prefixes) {
            if (length < p.length() || length > longest) {
                throw error(lengthTuple.getValueNode(), what + ": subnet_length " + length + " must be between the "
                        + "prefix length of " + p + " and " + longest);
            }
        }
        List<IpPrefix> reserved = fields.containsKey("reserved")
                ? prefixes(fields.get("reserved").getValueNode(), what + " reserved", ipv6) : List.of();
        for (IpPrefix r : reserved) {
            if (prefixes.stream().noneMatch(p -> p.contains(r))) {
                throw error(fields.get("reserved").getValueNode(), what + ": reserved " + r
                        + " lies outside the pool's prefixes");
            }
        }
        GatewayPolicy gateway = GatewayPolicy.FIRST;
        if (fields.containsKey("gateway")) {
            Node g = fields.get("gateway").getValueNode();
            String value = scalar(g, what + " gateway");
            if (!value.equals("first") && !value.equals("last")) {
                throw error(g, what + ": gateway must be first or last, not '" + value + "'");
            }
            gateway = GatewayPolicy.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
        int head = 0;
        if (fields.containsKey("reserve_head")) {
            Node h = fields.get("reserve_head").getValueNode();
            head = integer(h, what + " reserve_head");
            long usable = (1L << Math.min(62, (ipv6 ? 128 : 32) - length)) - 2;
            if (head < 0 || head >= usable) {
                throw error(h, what + ": reserve_head " + head + " must be from 0 to " + (usable - 1)
                        + " for /" + length + " subnets");
            }
        }
        boolean isDefault = false;
        if (fields.containsKey("default")) {
            Node d = fields.get("default").getValueNode();
            String value = scalar(d, what + " default");
            if (!value.equals("true") && !value.equals("false")) {
                throw error(d, what + ": default must be true or false, not '" + value + "'");
            }
            isDefault = value.equals("true");
        }
        int nodeLength = fields.containsKey("node_length")
                ? nodeLength(fields.get("node_length").getValueNode(), what, prefixes, length) : 0;
        List<String> tags = fields.containsKey("tags") ? tags(fields.get("tags").getValueNode(), what) : List.of();
        return new PoolDefinition(space, name, ipv6, prefixes, length, reserved, gateway, head, isDefault, line(node),
                nodeLength, tags);
    }

    private int nodeLength(Node node, String what, List<IpPrefix> prefixes, int subnetLength) throws SchemaException {
        int nodeLength = integer(node, what + " node_length");
        for (IpPrefix p : prefixes) {
            if (nodeLength < p.length() || nodeLength < 1) {
                throw error(node, what + ": node_length " + nodeLength + " is shorter than prefix " + p
                        + "; a node's block must fit in a prefix");
            }
        }
        if (nodeLength > subnetLength) {
            throw error(node, what + ": node_length " + nodeLength + " is longer than subnet_length " + subnetLength
                    + "; a node's block must hold at least one subnet");
        }
        return nodeLength;
    }

    private List<String> tags(Node node, String what) throws SchemaException {
        if (!(node instanceof SequenceNode list)) {
            throw error(node, what + " tags must be a list of tags such as [db, web]");
        }
        List<String> tags = new ArrayList<>();
        for (Node item : list.getValue()) {
            String tag = name(item, what + " tag");
            if (tags.contains(tag)) {
                throw error(item, what + " tags: tag '" + tag + "' is listed twice");
            }
            tags.add(tag);
        }
        return tags;
    }

    private List<IpPrefix> prefixes(Node node, String what, boolean ipv6) throws SchemaException {
        if (!(node instanceof SequenceNode list)) {
            throw error(node, what + " must be a list of prefixes such as [198.18.0.0/16]");
        }
        List<IpPrefix> out = new ArrayList<>();
        for (Node item : list.getValue()) {
            String text = scalar(item, what);
            IpPrefix prefix;
            try {
                prefix = IpPrefix.parse(text);
            } catch (IllegalArgumentException e) {
                throw error(item, what + ": " + e.getMessage());
            }
            if (!text.contains("/")) {
                throw error(item, what + ": '" + text + "' needs a prefix length");
            }
            if (prefix.isIpv6() != ipv6) {
                throw error(item, what + ": " + text + " is not an " + (ipv6 ? "IPv6" : "IPv4") + " prefix");
            }
            if (!IpPrefix.parseAddress(text.substring(0, text.indexOf('/'))).equals(prefix.network())) {
                throw error(item, what + ": " + text + " has host bits set (did you mean " + prefix + "?)");
            }
            out.add(prefix);
        }
        return out;
    }

    private Map<String, NodeTuple> mapping(Node node, String what, Set<String> allowed) throws SchemaException {
        if (!(node instanceof MappingNode map)) {
            throw error(node, what + " must be a mapping of keys to values");
        }
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            String key = scalar(tuple.getKeyNode(), "a key of " + what);
            if (allowed != null && !allowed.contains(key)) {
                throw error(tuple.getKeyNode(), "unknown key '" + key + "' in " + what + "; known keys: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
            out.put(key, tuple);
        }
        return out;
    }

    private NodeTuple require(Map<String, NodeTuple> fields, String key, Node parent) throws SchemaException {
        NodeTuple tuple = fields.get(key);
        if (tuple == null) {
            throw error(parent, "missing required key '" + key + "'");
        }
        return tuple;
    }

    private String scalar(Node node, String what) throws SchemaException {
        if (!(node instanceof ScalarNode s)) {
            throw error(node, what + " must be a single value");
        }
        return s.getValue().trim();
    }

    private String name(Node node, String what) throws SchemaException {
        String value = scalar(node, what);
        if (!value.matches(NAME)) {
            throw error(node, what + " '" + value + "' must be lower-case letters, digits, '.', '_' or '-'");
        }
        return value;
    }

    private int integer(Node node, String what) throws SchemaException {
        String value = scalar(node, what);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw error(node, what + " must be a whole number, not '" + value + "'");
        }
    }

    private SchemaException error(Node node, String message) {
        return new SchemaException(source, line(node), message);
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
