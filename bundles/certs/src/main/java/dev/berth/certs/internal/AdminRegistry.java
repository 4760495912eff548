package dev.berth.certs.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.osgi.service.component.ComponentServiceObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.admin.api.AdminResource;
import dev.berth.certs.rest.AdminResources;

/**
 * The capabilities' {@link AdminResource} services, known by their service properties and asked for rows only when
 * a request reads them: taking their objects while the certificate manager is being activated could be a cycle
 * (they may depend on it).
 */
final class AdminRegistry implements AdminResources {

    private static final Logger LOG = LoggerFactory.getLogger(AdminRegistry.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final Map<ComponentServiceObjects<AdminResource>, Entry> entries = new ConcurrentHashMap<>();

    void add(ComponentServiceObjects<AdminResource> objects, Map<String, Object> properties) {
        Object name = properties.get(AdminResource.NAME);
        if (!(name instanceof String n) || !NAME.matcher(n).matches() || n.equals("sets")) {
            LOG.warn("An operators' resource with {}={} is ignored: it needs a name of lower-case letters, digits and "
                    + "'-' other than 'sets'", AdminResource.NAME, name);
            return;
        }
        Object title = properties.get(AdminResource.TITLE);
        entries.put(objects, new Entry(n, title instanceof String t && !t.isBlank() ? t : n));
    }

    void remove(ComponentServiceObjects<AdminResource> objects) {
        entries.remove(objects);
    }

    @Override
    public List<Entry> list() {
        return entries.values().stream().distinct().sorted(Comparator.comparing(Entry::name)).toList();
    }

    @Override
    public Optional<List<Map<String, Object>>> rows(String name) {
        for (Map.Entry<ComponentServiceObjects<AdminResource>, Entry> e : entries.entrySet()) {
            if (!e.getValue().name().equals(name)) {
                continue;
            }
            ComponentServiceObjects<AdminResource> objects = e.getKey();
            AdminResource resource;
            try {
                resource = objects.getService();
            } catch (IllegalStateException gone) {
                continue; // its bundle went away meanwhile
            }
            if (resource == null) {
                continue;
            }
            try {
                return Optional.of(resource.rows());
            } finally {
                try {
                    objects.ungetService(resource);
                } catch (IllegalStateException | IllegalArgumentException gone) {
                    // nothing to give back
                }
            }
        }
        return Optional.empty();
    }
}
