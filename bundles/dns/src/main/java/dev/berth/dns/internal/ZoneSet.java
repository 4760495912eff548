package dev.berth.dns.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xbill.DNS.Name;

import dev.berth.dns.api.DnsZone;

/** The zones served at one moment; immutable, replaced when a network comes or goes. */
final class ZoneSet {

    /**
     * A zone served.
     *
     * @param name the zone apex
     * @param kind why it is served
     * @param networks for a reverse zone, the networks whose subnets it covers
     */
    record Zone(Name name, DnsZone.Kind kind, List<String> networks) {
        Zone {
            networks = List.copyOf(networks);
        }
    }

    private final Map<Name, Zone> zones;
    private final int minLabels;
    private final int maxLabels;

    ZoneSet(List<Zone> zones) {
        Map<Name, Zone> map = new LinkedHashMap<>();
        zones.stream().sorted(Comparator.comparing((Zone z) -> z.kind()).thenComparing(Zone::name))
                .forEach(z -> map.put(z.name(), z));
        this.zones = map;
        this.minLabels = zones.stream().mapToInt(z -> z.name().labels()).min().orElse(Integer.MAX_VALUE);
        this.maxLabels = zones.stream().mapToInt(z -> z.name().labels()).max().orElse(0);
    }

    /**
     * Finds the zone a name belongs to: the deepest zone it is at or below.
     *
     * @param name an absolute name
     * @return the zone, or {@code null} when the name is in none served here
     */
    Zone zoneOf(Name name) {
        int labels = name.labels();
        for (int strip = Math.max(0, labels - maxLabels); labels - strip >= minLabels; strip++) {
            Zone zone = zones.get(strip == 0 ? name : new Name(name, strip));
            if (zone != null) {
                return zone;
            }
        }
        return null;
    }

    /**
     * Returns a zone by its name.
     *
     * @param name the apex
     * @return the zone, or {@code null}
     */
    Zone zone(Name name) {
        return zones.get(name);
    }

    /**
     * Lists the zones: the internal zone, extra zones, then reverse zones, each group by name.
     *
     * @return the zones
     */
    List<Zone> all() {
        return new ArrayList<>(zones.values());
    }
}
