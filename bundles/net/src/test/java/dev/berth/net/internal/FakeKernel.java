package dev.berth.net.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import dev.berth.net.internal.kernel.Kernel;
import dev.berth.net.internal.kernel.KernelException;
import dev.berth.net.internal.kernel.KernelState;

/**
 * A kernel that records every step and simulates the objects they create (links, addresses, rules, routes,
 * nftables tables), and can be told to fail at a given step.
 */
final class FakeKernel implements Kernel {

    final List<String> log = new ArrayList<>();
    final Map<String, KernelState.Link> links = new HashMap<>();
    final List<KernelState.Rule> rules = new ArrayList<>();
    final List<KernelState.Route> routes = new ArrayList<>();
    final Set<String> tables = new HashSet<>();
    final Map<String, String> peers = new HashMap<>();
    String lastRuleset = "";
    Predicate<String> failWhen = line -> false;
    boolean vrf;

    @Override
    public void ip(List<String> commands) {
        for (String line : commands) {
            log.add("ip " + line);
            if (failWhen.test(line)) {
                throw new KernelException("ip failed: '" + line + "': simulated failure");
            }
            apply(line);
        }
    }

    @Override
    public void ipForce(List<String> commands) {
        for (String line : commands) {
            log.add("ip! " + line);
            try {
                apply(line);
            } catch (RuntimeException ignored) {
                // like ip -force: go on
            }
        }
    }

    @Override
    public void nft(String script) {
        log.add("nft");
        if (failWhen.test("nft")) {
            throw new KernelException("nft refused the ruleset: simulated failure");
        }
        lastRuleset = script;
        if (script.contains("table inet berth {")) {
            tables.add("inet berth");
        } else {
            tables.remove("inet berth");
        }
    }

    @Override
    public void sysctl(String key, String value) {
        log.add("sysctl " + key + "=" + value);
    }

    @Override
    public KernelState observe() {
        return new KernelState(links, rules, routes, tables);
    }

    @Override
    public VrfSupport vrfSupport() {
        return new VrfSupport(vrf, vrf ? "fake kernel with VRF" : "fake kernel without VRF");
    }

    /** What Docker does after Join: the container side leaves the host's namespace. */
    void moveIntoContainer(String name) {
        links.remove(name);
    }

    List<String> ipLines() {
        return log.stream().filter(l -> l.startsWith("ip ")).map(l -> l.substring(3)).toList();
    }

    private void apply(String line) {
        boolean v6 = line.startsWith("-6 ");
        String[] w = (v6 ? line.substring(3) : line).split(" ");
        switch (w[0] + " " + w[1]) {
            case "link add" -> {
                if (links.containsKey(w[2])) {
                    throw new KernelException("RTNETLINK answers: File exists");
                }
                String kind = line.contains("type bridge") ? "bridge" : line.contains("type vrf") ? "vrf" : "veth";
                links.put(w[2], new KernelState.Link(w[2], kind, "", 1500, false, List.of()));
                if (kind.equals("veth")) {
                    String peer = w[java.util.Arrays.asList(w).indexOf("name") + 1];
                    links.put(peer, new KernelState.Link(peer, "veth", "", 1500, false, List.of()));
                    peers.put(w[2], peer);
                    peers.put(peer, w[2]);
                }
            }
            case "link del" -> {
                if (links.remove(w[2]) == null) {
                    throw new KernelException("Cannot find device " + w[2]);
                }
                String peer = peers.remove(w[2]);
                if (peer != null) { // deleting one end of a veth pair deletes both
                    links.remove(peer);
                    peers.remove(peer);
                }
                routes.removeIf(r -> r.device().equals(w[2]));
            }
            case "link set" -> {
                KernelState.Link l = links.get(w[2]);
                if (l == null) {
                    throw new KernelException("Cannot find device " + w[2]);
                }
                boolean up = l.up() || line.endsWith(" up");
                String master = line.contains(" master ") ? w[4] : l.master();
                links.put(w[2], new KernelState.Link(l.name(), l.kind(), master, l.mtu(), up, l.addresses()));
            }
            case "address add" -> {
                KernelState.Link l = links.get(w[4]);
                List<String> addresses = new ArrayList<>(l.addresses());
                addresses.add(w[2]);
                links.put(w[4], new KernelState.Link(l.name(), l.kind(), l.master(), l.mtu(), l.up(), addresses));
            }
            case "rule add" -> {
                int pref = Integer.parseInt(w[w.length - 1]);
                String iif = line.contains(" iif ") ? w[3] : "";
                String mark = line.contains(" fwmark ") ? w[3] : "";
                rules.add(new KernelState.Rule(v6, pref, iif, mark, line.contains("lookup main") ? "main"
                        : w[5]));
            }
            case "rule del" -> {
                int pref = Integer.parseInt(w[3]);
                if (!rules.removeIf(r -> r.ipv6() == v6 && r.priority() == pref)) {
                    throw new KernelException("RTNETLINK answers: No such file or directory");
                }
            }
            case "route add", "route replace" -> {
                String table = line.contains(" table ") ? w[w.length - 1] : "main";
                boolean typed = w[2].equals("unreachable") || w[2].equals("throw");
                String dst = typed ? w[3] : w[2];
                List<String> words = java.util.Arrays.asList(w);
                String dev = line.contains(" dev ") ? w[words.indexOf("dev") + 1] : "";
                String via = line.contains(" via ") ? w[words.indexOf("via") + 1] : "";
                boolean exists = routes.removeIf(r -> w[1].equals("replace") && r.ipv6() == v6 && r.table().equals(table)
                        && r.destination().equals(dst));
                if (!exists && w[1].equals("add") && routes.stream().anyMatch(r -> r.ipv6() == v6
                        && r.table().equals(table) && r.destination().equals(dst))) {
                    throw new KernelException("RTNETLINK answers: File exists");
                }
                routes.add(new KernelState.Route(v6, table, dst, typed ? w[2] : "unicast", dev, via));
            }
            case "route del" -> {
                String table = line.contains(" table ") ? w[w.length - 1] : "main";
                String dst = w[2].equals("throw") || w[2].equals("unreachable") ? w[3] : w[2];
                if (!routes.removeIf(r -> r.ipv6() == v6 && r.table().equals(table) && r.destination().equals(dst))) {
                    throw new KernelException("RTNETLINK answers: No such process");
                }
            }
            case "route flush" -> routes.removeIf(r -> r.ipv6() == v6 && r.table().equals(w[3]));
            default -> throw new IllegalArgumentException("the fake kernel does not know: " + line);
        }
    }
}
