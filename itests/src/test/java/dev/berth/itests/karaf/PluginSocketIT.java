package dev.berth.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.berth.ipam.api.AddressAllocator;
import dev.berth.ipam.api.AllocatedAddress;
import dev.berth.itests.support.Deadline;
import dev.berth.itests.support.UnixHttp;
import dev.berth.itests.support.UnixHttp.Response;

/** Berth's assembly as it boots: the plugin socket, its guard, the IPAM driver, commands and hot updates. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginSocketIT extends BerthKarafTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    private AddressAllocator allocator;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return berth(null);
    }

    private static Response post(String path, String body) throws Exception {
        return Deadline.await(path + " answering", Duration.ofSeconds(60), () -> UnixHttp.post(socket(), path, body),
                r -> r.status() != 404 || !path.equals("/Plugin.Activate"));
    }

    private static List<String> implementsList() throws Exception {
        JsonNode node = JSON.readTree(UnixHttp.post(socket(), "/Plugin.Activate", "{}").body());
        return JSON.convertValue(node.get("Implements"), JSON.getTypeFactory().constructCollectionType(List.class,
                String.class));
    }

    @Test
    public void theSocketIsPrivateAndActivateListsTheIpamDriver() throws Exception {
        Response r = post("/Plugin.Activate", "");
        assertEquals(200, r.status());
        assertEquals(List.of("IpamDriver", "NetworkDriver", "VolumeDriver"), implementsList());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket())));
    }

    @Test
    public void theWhiteboardServingThePluginApiHasNoNetworkListener() throws Exception {
        post("/Plugin.Activate", "");
        ServiceReference<?> runtime = bundleContext.getServiceReference("org.osgi.service.http.runtime.HttpServiceRuntime");
        Object endpoints = runtime.getProperty("osgi.http.endpoint");
        List<Object> urls = endpoints instanceof Object[] array ? List.of(array)
                : endpoints instanceof java.util.Collection<?> c ? List.copyOf(c)
                : endpoints == null ? List.of() : List.of(endpoints);
        assertEquals("the HTTP whiteboard's endpoints", List.of(), urls);
        assertEquals("false", String.valueOf(configAdmin.getConfiguration("org.ops4j.pax.web", null).getProperties()
                .get("org.osgi.service.http.enabled")));
    }

    @Test
    public void badInputGetsProtocolErrorsNeverAStackTrace() throws Exception {
        post("/Plugin.Activate", "");
        Response malformed = UnixHttp.post(socket(), "/IpamDriver.RequestPool", "{\"Pool\":");
        assertEquals(400, malformed.status());
        assertTrue(malformed.body(), JSON.readTree(malformed.body()).get("Error").textValue()
                .startsWith("malformed JSON in RequestPool"));
        Response wrongMethod = UnixHttp.call(socket(), "GET", "/Plugin.Activate", "");
        assertEquals(405, wrongMethod.status());
        assertTrue(wrongMethod.body(), JSON.readTree(wrongMethod.body()).has("Err"));
        Response unknown = UnixHttp.post(socket(), "/VolumeDriver.Resize", "{}");
        assertEquals(404, unknown.status());
        assertTrue(unknown.body(), JSON.readTree(unknown.body()).get("Err").textValue().contains("no endpoint"));
        Response unknownPool = UnixHttp.post(socket(), "/IpamDriver.RequestAddress", "{\"PoolID\":\"local/x\"}");
        assertEquals(200, unknownPool.status());
        assertEquals("no pool 'local/x' is granted", JSON.readTree(unknownPool.body()).get("Error").textValue());
        for (Response r : List.of(malformed, wrongMethod, unknown, unknownPool)) {
            assertTrue(r.body(), !r.body().contains("at dev.berth") && !r.body().contains("Exception"));
        }
    }

    @Test
    public void ipamCommandsShowAndChangeAllocations() throws Exception {
        post("/Plugin.Activate", "");
        JsonNode pool = JSON.readTree(UnixHttp.post(socket(), "/IpamDriver.RequestPool",
                "{\"AddressSpace\":\"local\",\"Pool\":\"198.18.120.0/24\",\"Options\":{},\"V6\":false}").body());
        String poolId = pool.get("PoolID").textValue();
        assertTrue(execute("ipam:pools"), execute("ipam:pools").contains(poolId));
        assertTrue(execute("ipam:schema"), execute("ipam:schema").contains("default-v6"));
        String reserved = execute("ipam:reserve --note router " + poolId + " 198.18.120.9");
        assertTrue(reserved, reserved.contains("Reserved 198.18.120.9/24"));
        String listed = execute("ipam:allocations " + poolId);
        assertTrue(listed, listed.contains("198.18.120.9/24") && listed.contains("manual") && listed.contains("router"));
        Response taken = UnixHttp.post(socket(), "/IpamDriver.RequestAddress", "{\"PoolID\":\"" + poolId
                + "\",\"Address\":\"198.18.120.9\"}");
        assertTrue(taken.body(), taken.body().contains("already allocated"));
        execute("ipam:release " + poolId + " 198.18.120.9");
        assertTrue(execute("ipam:allocations " + poolId), !execute("ipam:allocations " + poolId).contains("198.18.120.9"));
    }

    @Test
    public void theIpamDriverLeavesAndReturnsWithItsBundleAndAnUpdateKeepsEveryAllocation() throws Exception {
        post("/Plugin.Activate", "");
        String poolId = JSON.readTree(UnixHttp.post(socket(), "/IpamDriver.RequestPool",
                "{\"AddressSpace\":\"local\",\"Pool\":\"198.18.121.0/24\"}").body()).get("PoolID").textValue();
        String first = address(poolId);
        String second = address(poolId);

        Bundle ipam = bundle("berth-ipam");
        ipam.stop();
        Deadline.await("IpamDriver withdrawn", Duration.ofSeconds(30), PluginSocketIT::implementsList,
                l -> l.equals(List.of("NetworkDriver", "VolumeDriver")));
        Response gone = UnixHttp.post(socket(), "/IpamDriver.RequestAddress", "{\"PoolID\":\"" + poolId + "\"}");
        assertEquals(404, gone.status());
        assertTrue(gone.body(), JSON.readTree(gone.body()).has("Error"));
        ipam.start();
        Deadline.await("IpamDriver back", Duration.ofSeconds(30), PluginSocketIT::implementsList,
                l -> l.equals(List.of("IpamDriver", "NetworkDriver", "VolumeDriver")));

        ipam.update();
        Deadline.await("IpamDriver back after update", Duration.ofSeconds(30), PluginSocketIT::implementsList,
                l -> l.equals(List.of("IpamDriver", "NetworkDriver", "VolumeDriver")));
        String third = Deadline.await("an address after the update", Duration.ofSeconds(30), () -> address(poolId),
                a -> a.startsWith("198.18.121."));
        assertEquals(List.of("198.18.121.1/24", "198.18.121.2/24", "198.18.121.3/24"), List.of(first, second, third));
        AddressAllocator fresh = Deadline.await("allocator service", Duration.ofSeconds(30),
                () -> bundleContext.getService(bundleContext.getServiceReference(AddressAllocator.class)),
                a -> a != null);
        assertEquals(3, fresh.allocations(poolId).stream().map(AllocatedAddress::cidr).distinct().count());
    }

    private static String address(String poolId) throws Exception {
        Response r = UnixHttp.post(socket(), "/IpamDriver.RequestAddress", "{\"PoolID\":\"" + poolId + "\"}");
        JsonNode body = JSON.readTree(r.body());
        if (!body.has("Address")) {
            throw new IllegalStateException(r.body());
        }
        return body.get("Address").textValue();
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
