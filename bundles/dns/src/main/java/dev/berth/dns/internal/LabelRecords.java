package dev.berth.dns.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

import dev.berth.dns.api.ContainerLabels;
import dev.berth.dns.api.LabelProblem;
import dev.berth.ipam.api.IpPrefix;

/**
 * Parses the {@code berth.dns.<type>[.<key>]} labels of a container into records (syntax: docs/dns.md).
 * A wrong label yields a {@link LabelProblem} and no record; the other labels are unaffected.
 */
final class LabelRecords {

    static final String PREFIX = "berth.dns.";
    static final String COMPOSE_SERVICE = "com.docker.compose.service";
    private static final int SRV_DEFAULT_PRIORITY = 10;
    private static final int SRV_DEFAULT_WEIGHT = 10;

    /**
     * What a container's labels yield.
     *
     * @param records the records of each label that was understood, by label key
     * @param problems the labels that were not
     */
    record Parsed(Map<String, List<Record>> records, List<LabelProblem> problems) {

        /**
         * Returns every record.
         *
         * @return the records of all labels
         */
        List<Record> all() {
            return records.values().stream().flatMap(List::stream).toList();
        }
    }

    /** A label that cannot define a record; the message is shown to the user. */
    private static final class BadLabel extends Exception {
        private static final long serialVersionUID = 1L;

        BadLabel(String message) {
            super(message);
        }
    }

    private final ContainerLabels container;
    private final List<InetAddress> ownAddresses;
    private final Name zone;
    private final long ttl;

    private LabelRecords(ContainerLabels container, List<InetAddress> ownAddresses, Name zone, long ttl) {
        this.container = container;
        this.ownAddresses = ownAddresses;
        this.zone = zone;
        this.ttl = ttl;
    }

    /**
     * Parses a container's labels.
     *
     * @param container the container and its labels
     * @param ownAddresses the container's addresses on every network, for A and AAAA labels without address
     * @param zone the internal zone
     * @param ttl the default TTL
     * @return the records and problems
     */
    static Parsed parse(ContainerLabels container, List<InetAddress> ownAddresses, Name zone, long ttl) {
        return new LabelRecords(container, ownAddresses, zone, ttl).parse();
    }

    /**
     * Keeps the labels that concern DNS records, to be stored and parsed again later.
     *
     * @param labels all labels of a container
     * @return the {@code berth.dns.*} labels and the Compose service name
     */
    static Map<String, String> relevant(Map<String, String> labels) {
        Map<String, String> kept = new TreeMap<>();
        labels.forEach((k, v) -> {
            if (k.startsWith(PREFIX) || k.equals(COMPOSE_SERVICE)) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    private Parsed parse() {
        Map<String, List<Record>> records = new TreeMap<>();
        List<LabelProblem> problems = new ArrayList<>();
        Map<Name, String> cnameLabels = new HashMap<>();
        Set<Name> otherOwners = new HashSet<>();
        Map<String, List<Record>> byLabel = new TreeMap<>();
        for (Map.Entry<String, String> label : new TreeMap<>(container.labels()).entrySet()) {
            if (!label.getKey().startsWith(PREFIX)) {
                continue;
            }
            try {
                List<Record> made = parse(label.getKey(), label.getValue().trim());
                for (Record r : made) {
                    if (r.getType() == Type.CNAME) {
                        cnameLabels.putIfAbsent(r.getName(), label.getKey());
                    } else {
                        otherOwners.add(r.getName());
                    }
                }
                byLabel.put(label.getKey(), made);
            } catch (BadLabel e) {
                problems.add(new LabelProblem(label.getKey(), label.getValue(), e.getMessage()));
            }
        }
        byLabel.forEach((key, made) -> {
            Record first = made.isEmpty() ? null : made.get(0);
            if (first != null && first.getType() == Type.CNAME && otherOwners.contains(first.getName())) {
                problems.add(new LabelProblem(key, container.labels().get(key), "a CNAME record cannot share "
                        + "its name " + first.getName() + " with other records (RFC 1034 3.6.2)"));
            } else if (first != null && first.getType() == Type.CNAME
                    && !key.equals(cnameLabels.get(first.getName()))) {
                problems.add(new LabelProblem(key, container.labels().get(key), "another label already makes "
                        + first.getName() + " a CNAME record; a name has at most one"));
            } else {
                records.put(key, made);
            }
        });
        return new Parsed(records, problems);
    }

    private List<Record> parse(String key, String value) throws BadLabel {
        String rest = key.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        String type = (dot < 0 ? rest : rest.substring(0, dot)).toLowerCase(Locale.ROOT);
        if (dot >= 0 && dot == rest.length() - 1) {
            throw new BadLabel("the label key ends with a dot; expected berth.dns.<type> or berth.dns.<type>.<key>");
        }
        if (value.isEmpty()) {
            throw new BadLabel("the value is empty");
        }
        return switch (type) {
            case "a" -> address(value, false);
            case "aaaa" -> address(value, true);
            case "cname" -> cname(value);
            case "txt" -> txt(value);
            case "srv" -> srv(value);
            default -> throw new BadLabel("unknown record type '" + type + "'; labels define a, aaaa, cname, txt "
                    + "and srv records: berth.dns.<type>.<key>");
        };
    }

    private List<Record> address(String value, boolean ipv6) throws BadLabel {
        String[] words = value.split("\\s+");
        Name owner = owner(words[0]);
        Map<String, String> options = new HashMap<>();
        List<InetAddress> addresses = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            if (words[i].contains("=")) {
                option(words[i], options, Set.of("ttl"));
                continue;
            }
            InetAddress a;
            try {
                a = IpPrefix.parseAddress(words[i]);
            } catch (IllegalArgumentException e) {
                throw new BadLabel("'" + words[i] + "' is not an " + (ipv6 ? "IPv6" : "IPv4") + " address");
            }
            if (ipv6 != (a instanceof Inet6Address)) {
                throw new BadLabel("'" + words[i] + "' is not an " + (ipv6 ? "IPv6" : "IPv4") + " address; use "
                        + (ipv6 ? "berth.dns.a" : "berth.dns.aaaa") + " for it");
            }
            addresses.add(a);
        }
        if (addresses.isEmpty()) {
            ownAddresses.stream().filter(a -> ipv6 ? a instanceof Inet6Address : a instanceof Inet4Address)
                    .forEach(addresses::add);
        }
        long recordTtl = ttl(options);
        List<Record> records = new ArrayList<>();
        for (InetAddress a : addresses) {
            records.add(ipv6 ? new AAAARecord(owner, DClass.IN, recordTtl, a)
                    : new ARecord(owner, DClass.IN, recordTtl, a));
        }
        return records;
    }

    private List<Record> cname(String value) throws BadLabel {
        String[] words = value.split("\\s+");
        if (words.length < 2) {
            throw new BadLabel("expected '<name> <target> [ttl=<seconds>]'");
        }
        Name owner = owner(words[0]);
        if (owner.equals(zone)) {
            throw new BadLabel("the zone apex " + zone + " cannot be a CNAME record");
        }
        Name target = target(words[1]);
        Map<String, String> options = new HashMap<>();
        for (int i = 2; i < words.length; i++) {
            option(words[i], options, Set.of("ttl"));
        }
        return List.of(new CNAMERecord(owner, DClass.IN, ttl(options), target));
    }

    private List<Record> txt(String value) throws BadLabel {
        String[] parts = value.split("\\s+", 2);
        if (parts.length < 2) {
            throw new BadLabel("expected '<name> <text>'");
        }
        Name owner = owner(parts[0]);
        byte[] text = parts[1].getBytes(StandardCharsets.UTF_8);
        if (text.length > 4000) {
            throw new BadLabel("the text is longer than 4000 bytes");
        }
        return List.of(txtRecord(owner, ttl, text));
    }

    /**
     * Makes a TXT record of any bytes, split into character strings of at most 255 bytes, from its wire form:
     * dnsjava's text constructors would read backslashes as escapes and use the platform charset.
     */
    static Record txtRecord(Name owner, long ttl, byte[] text) {
        java.io.ByteArrayOutputStream rdata = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < text.length || i == 0; i += 255) {
            int length = Math.min(255, text.length - i);
            rdata.write(length);
            rdata.write(text, i, length);
        }
        return Record.newRecord(owner, Type.TXT, DClass.IN, ttl, rdata.toByteArray());
    }

    private List<Record> srv(String value) throws BadLabel {
        String[] words = value.split("\\s+");
        if (words.length < 2) {
            throw new BadLabel("expected '_<service>._<proto>[.<name>] <port> [priority=<n>] [weight=<n>] "
                    + "[target=<name>] [ttl=<seconds>]'");
        }
        String[] labels = words[0].split("\\.", -1);
        if (labels.length < 2 || !labels[0].startsWith("_") || labels[0].length() < 2
                || !labels[1].startsWith("_") || labels[1].length() < 2 || words[0].endsWith(".")) {
            throw new BadLabel("the name must be _<service>._<proto>[.<name>] relative to the zone, for example "
                    + "_http._tcp.web (RFC 2782)");
        }
        String ownerText = labels.length == 2 ? words[0] + "." + defaultServiceName() : words[0];
        Name owner = owner(ownerText);
        int port = number("port", words[1], 0, 65535);
        Map<String, String> options = new HashMap<>();
        for (int i = 2; i < words.length; i++) {
            option(words[i], options, Set.of("priority", "weight", "target", "ttl"));
        }
        int priority = options.containsKey("priority") ? number("priority", options.get("priority"), 0, 65535)
                : SRV_DEFAULT_PRIORITY;
        int weight = options.containsKey("weight") ? number("weight", options.get("weight"), 0, 65535)
                : SRV_DEFAULT_WEIGHT;
        Name target = options.containsKey("target") ? target(options.get("target"))
                : ownName();
        return List.of(new SRVRecord(owner, DClass.IN, ttl(options), priority, weight, port, target));
    }

    private String defaultServiceName() {
        String service = container.labels().get(COMPOSE_SERVICE);
        return service != null && !service.isBlank() ? service.trim() : container.containerName();
    }

    private Name ownName() throws BadLabel {
        try {
            return DnsNames.child(container.containerName(), zone);
        } catch (IllegalArgumentException e) {
            throw new BadLabel("the container's name is not a DNS name, so target=<name> is required: "
                    + e.getMessage());
        }
    }

    private Name owner(String text) throws BadLabel {
        try {
            return DnsNames.relative(text, zone, "name");
        } catch (IllegalArgumentException e) {
            throw new BadLabel(e.getMessage() + " (names are relative to " + zone + ", or absolute inside it)");
        }
    }

    private Name target(String text) throws BadLabel {
        try {
            return text.endsWith(".") ? DnsNames.zone(text, "target") : DnsNames.relative(text, zone, "target");
        } catch (IllegalArgumentException e) {
            throw new BadLabel(e.getMessage());
        }
    }

    private long ttl(Map<String, String> options) throws BadLabel {
        return options.containsKey("ttl") ? number("ttl", options.get("ttl"), 0, 86400) : ttl;
    }

    private static void option(String word, Map<String, String> options, Set<String> allowed) throws BadLabel {
        int eq = word.indexOf('=');
        String name = eq < 0 ? word : word.substring(0, eq).toLowerCase(Locale.ROOT);
        if (eq < 0 || !allowed.contains(name)) {
            throw new BadLabel("unexpected '" + word + "'; options here are "
                    + String.join("=, ", new java.util.TreeSet<>(allowed)) + "=");
        }
        if (options.put(name, word.substring(eq + 1)) != null) {
            throw new BadLabel("option " + name + "= is given twice");
        }
    }

    private static int number(String what, String text, int min, int max) throws BadLabel {
        if (text.isEmpty() || text.length() > 6 || !text.chars().allMatch(Character::isDigit)) {
            throw new BadLabel(what + " '" + text + "' is not a number " + min + "-" + max);
        }
        int n = Integer.parseInt(text);
        if (n < min || n > max) {
            throw new BadLabel(what + " " + n + " is outside " + min + "-" + max);
        }
        return n;
    }
}
