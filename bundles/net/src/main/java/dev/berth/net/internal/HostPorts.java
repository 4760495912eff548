package dev.berth.net.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.berth.net.api.PortMapping;

/** Chooses host ports for ports published without one, and refuses a host port that is already published. */
final class HostPorts {

    private final int first;
    private final int last;

    HostPorts(int first, int last) {
        this.first = first;
        this.last = last;
    }

    static int[] parseRange(String text) {
        String[] parts = text.trim().split("-");
        try {
            int a = Integer.parseInt(parts[0].trim());
            int b = Integer.parseInt(parts[parts.length - 1].trim());
            if (parts.length != 2 || a < 1 || b > 65535 || a > b) {
                throw new NumberFormatException();
            }
            return new int[] {a, b};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dev.berth.net: port.range must look like 49153-65535, not '" + text
                    + "'");
        }
    }

    /**
     * Gives every requested mapping a host port.
     *
     * @param requested the mappings Docker asked for; host port 0 means any
     * @param taken the mappings of the host's other endpoints
     * @return the mappings with their host ports
     * @throws NetworkRequestException when a host port is already published
     */
    List<PortMapping> assign(List<PortMapping> requested, List<PortMapping> taken) {
        Set<String> used = new HashSet<>();
        for (PortMapping t : taken) {
            used.add(t.protocol() + "/" + t.hostPort());
        }
        List<PortMapping> out = new ArrayList<>();
        for (PortMapping r : requested) {
            if (r.hostPort() != 0 && !used.add(r.protocol() + "/" + r.hostPort())) {
                boolean sameRequest = out.stream().anyMatch(o -> o.protocol().equals(r.protocol())
                        && o.hostPort() == r.hostPort() && o.containerPort() == r.containerPort());
                if (!sameRequest) {
                    throw new NetworkRequestException("host port " + r.hostPort() + "/" + r.protocol()
                            + " is already published");
                }
            }
            int port = r.hostPort();
            if (port == 0) {
                // Docker lists one mapping per host address family; both get the same port
                port = out.stream().filter(o -> o.protocol().equals(r.protocol()) && o.containerPort() == r.containerPort())
                        .mapToInt(PortMapping::hostPort).findFirst().orElse(0);
                for (int p = first; port == 0 && p <= last; p++) {
                    if (used.add(r.protocol() + "/" + p)) {
                        port = p;
                    }
                }
                if (port == 0) {
                    throw new NetworkRequestException("no free host port in " + first + "-" + last);
                }
            }
            out.add(new PortMapping(r.protocol(), r.hostIp(), port, r.containerPort()));
        }
        return out;
    }
}
