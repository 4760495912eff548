package dev.berth.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.features.BundleInfo;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import dev.berth.itests.support.Deadline;

/**
 * Every Berth feature installs alone in a clean Karaf (no HTTP, no JAX-RS, no other Berth feature), with all
 * of its bundles active and every component of Berth's bundles satisfied. One fresh Karaf per feature.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class SingleFeatureIT extends BerthKarafTestSupport {

    @Inject
    private FeaturesService features;

    @Configuration
    public Option[] config() {
        return berth(CLEAN_BOOT);
    }

    @Test
    public void berthApi() throws Exception {
        installAlone("berth-api");
    }

    @Test
    public void berthJackson() throws Exception {
        installAlone("berth-jackson");
    }

    @Test
    public void berthStore() throws Exception {
        installAlone("berth-store");
    }

    @Test
    public void berthPlugin() throws Exception {
        installAlone("berth-plugin");
    }

    @Test
    public void berthIpam() throws Exception {
        installAlone("berth-ipam");
    }

    @Test
    public void berthNet() throws Exception {
        installAlone("berth-net");
    }

    @Test
    public void berthDocker() throws Exception {
        installAlone("berth-docker");
    }

    @Test
    public void berthTags() throws Exception {
        installAlone("berth-tags");
    }

    @Test
    public void berthCerts() throws Exception {
        installAlone("berth-certs");
    }

    @Test
    public void berthDns() throws Exception {
        installAlone("berth-dns");
    }

    @Test
    public void berthVolumes() throws Exception {
        installAlone("berth-volumes");
    }

    @Test
    public void berthAcme() throws Exception {
        installAlone("berth-acme");
    }

    @Test
    public void berthHaproxy() throws Exception {
        installAlone("berth-haproxy");
    }

    @Test
    public void berthFrr() throws Exception {
        installAlone("berth-frr");
    }

    @Test
    public void berthSquid() throws Exception {
        installAlone("berth-squid");
    }

    @Test
    public void berth() throws Exception {
        installAlone("berth");
    }

    private void installAlone(String name) throws Exception {
        for (Bundle b : bundleContext.getBundles()) {
            assertFalse("the Karaf is not clean: " + b.getSymbolicName(), b.getSymbolicName().startsWith("berth-"));
        }
        features.installFeature(name, EnumSet.noneOf(FeaturesService.Option.class));
        Feature feature = features.getFeature(name);
        assertTrue(features.isInstalled(feature));
        for (Feature f : withDependencies(feature)) {
            for (BundleInfo info : f.getBundles()) {
                Bundle bundle = bundleContext.getBundle(info.getLocation());
                if (bundle == null && info.isDependency()) {
                    continue; // the resolver found the packages elsewhere
                }
                assertTrue(info.getLocation() + " is not installed", bundle != null);
                boolean fragment = bundle.getHeaders().get("Fragment-Host") != null;
                assertEquals(info.getLocation() + " is not active", fragment ? Bundle.RESOLVED : Bundle.ACTIVE,
                        bundle.getState());
            }
        }
        ServiceReference<ServiceComponentRuntime> ref = bundleContext.getServiceReference(ServiceComponentRuntime.class);
        ServiceComponentRuntime scr = bundleContext.getService(ref);
        List<String> problems = Deadline.await("every Berth component satisfied", java.time.Duration.ofSeconds(60),
                () -> unsatisfied(scr), List::isEmpty);
        assertEquals(List.of(), problems);
    }

    private List<Feature> withDependencies(Feature feature) throws Exception {
        List<Feature> all = new ArrayList<>(List.of(feature));
        for (var dep : feature.getDependencies()) {
            Feature f = features.getFeature(dep.getName());
            if (f != null && f.getName().startsWith("berth")) {
                all.addAll(withDependencies(f));
            }
        }
        return all;
    }

    private List<String> unsatisfied(ServiceComponentRuntime scr) {
        List<String> problems = new ArrayList<>();
        for (Bundle b : bundleContext.getBundles()) {
            if (!b.getSymbolicName().startsWith("berth-")) {
                continue;
            }
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
                var configs = scr.getComponentConfigurationDTOs(d);
                if (configs.isEmpty()) {
                    problems.add(d.name + ": no configuration");
                }
                for (ComponentConfigurationDTO c : configs) {
                    if (c.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION
                            || c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
                            || c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                        problems.add(d.name + ": state " + c.state + (c.failure == null ? "" : " " + c.failure));
                    }
                }
            }
        }
        return problems;
    }
}
