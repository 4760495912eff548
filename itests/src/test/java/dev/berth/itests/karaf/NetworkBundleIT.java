package dev.berth.itests.karaf;

import static dev.berth.itests.support.DockerEngine.IMAGE;
import static dev.berth.itests.support.DockerEngine.docker;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.berth.itests.support.Deadline;
import dev.berth.itests.support.DockerEngine;
import dev.berth.itests.support.UnixHttp;

/**
 * The network driver bundle stops and starts under running containers without breaking their traffic, and
 * is offered in Plugin.Activate only while it is active. dockerd reaches this Karaf as the plugin
 * {@code berth-exam}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NetworkBundleIT extends BerthKarafTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Configuration
    public Option[] config() {
        return berth(null, "berth-exam");
    }

    private static List<?> implementsList() throws Exception {
        return JSON.readValue(UnixHttp.post(socket(), "/Plugin.Activate", "").body(), java.util.Map.class)
                .get("Implements") instanceof List<?> l ? l : List.of();
    }

    private static boolean ping(String container, String address) {
        return docker("exec", container, "ping", "-c", "1", "-W", "2", address).exit() == 0;
    }

    @Test
    public void stoppingAndStartingTheDriverKeepsRunningContainersTalking() throws Exception {
        DockerEngine.require();
        List<String> containers = List.of("bx-1", "bx-2", "bx-3");
        DockerEngine.cleanUp(containers, List.of("bx-net"));
        Deadline.await("both drivers offered", Duration.ofSeconds(60), NetworkBundleIT::implementsList,
                l -> l.contains("NetworkDriver") && l.contains("IpamDriver"));
        try {
            docker("network", "create", "-d", "berth-exam", "--ipam-driver", "berth-exam", "bx-net").ok();
            docker("run", "-d", "--name", "bx-1", "--network", "bx-net", IMAGE, "sleep", "600").ok();
            docker("run", "-d", "--name", "bx-2", "--network", "bx-net", IMAGE, "sleep", "600").ok();
            String a1 = DockerEngine.address("bx-1", "bx-net", false);
            assertTrue(ping("bx-2", a1));

            Bundle net = bundle("berth-net");
            net.stop();
            Deadline.await("NetworkDriver withdrawn", Duration.ofSeconds(30), NetworkBundleIT::implementsList,
                    l -> !l.contains("NetworkDriver") && l.contains("IpamDriver"));
            assertTrue("traffic flows while the driver is stopped", ping("bx-2", a1));

            net.start();
            Deadline.await("NetworkDriver back", Duration.ofSeconds(30), NetworkBundleIT::implementsList,
                    l -> l.contains("NetworkDriver"));
            assertTrue(ping("bx-2", a1));
            docker("run", "-d", "--name", "bx-3", "--network", "bx-net", IMAGE, "sleep", "600").ok();
            assertTrue("a new container joins once the driver is back", ping("bx-3", a1));
        } finally {
            DockerEngine.cleanUp(containers, List.of("bx-net"));
        }
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : bundleContext.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }
}
