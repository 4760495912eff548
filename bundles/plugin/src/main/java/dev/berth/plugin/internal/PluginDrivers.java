package dev.berth.plugin.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.osgi.framework.ServiceReference;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.plugin.api.PluginDriver;

/** The Docker plugin interfaces whose driver bundles are active at this moment. */
@Component(service = PluginDrivers.class)
public final class PluginDrivers {

    private static final Logger LOG = LoggerFactory.getLogger(PluginDrivers.class);

    /** A registered driver: its interface and the bundle that registered it. */
    private record Entry(String dockerInterface, long bundle) {
    }

    private final Map<PluginDriver, Entry> drivers = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDriver(PluginDriver driver, ServiceReference<PluginDriver> reference) {
        drivers.put(driver, new Entry(driver.dockerInterface(), reference.getBundle().getBundleId()));
        LOG.info("Docker plugin interface {} is now served", driver.dockerInterface());
    }

    void removeDriver(PluginDriver driver) {
        Entry gone = drivers.remove(driver);
        LOG.info("Docker plugin interface {} is no longer served", gone == null ? "?" : gone.dockerInterface());
    }

    /**
     * Lists the interfaces for {@code /Plugin.Activate}.
     *
     * @return the distinct interface names, sorted
     */
    public List<String> interfaces() {
        return drivers.values().stream().map(Entry::dockerInterface).distinct().sorted().toList();
    }

    /**
     * The bundles that registered a driver.
     *
     * @return their ids
     */
    public Set<Long> bundles() {
        return drivers.values().stream().map(Entry::bundle).collect(Collectors.toSet());
    }
}
