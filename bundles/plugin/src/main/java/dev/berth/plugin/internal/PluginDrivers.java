package dev.berth.plugin.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    private final Map<PluginDriver, String> drivers = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDriver(PluginDriver driver) {
        drivers.put(driver, driver.dockerInterface());
        LOG.info("Docker plugin interface {} is now served", driver.dockerInterface());
    }

    void removeDriver(PluginDriver driver) {
        String name = drivers.remove(driver);
        LOG.info("Docker plugin interface {} is no longer served", name);
    }

    /**
     * Lists the interfaces for {@code /Plugin.Activate}.
     *
     * @return the distinct interface names, sorted
     */
    public List<String> interfaces() {
        return drivers.values().stream().distinct().sorted().toList();
    }
}
