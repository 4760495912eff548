package dev.berth.docker.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import dev.berth.docker.api.Container;
import dev.berth.docker.api.ContainerEvent;
import dev.berth.docker.api.DockerException;

public class DockerEngineClientTest {

    static final String INSPECT = "{\"Id\":\"abc123\",\"Name\":\"/proxy\",\"Config\":{\"Labels\":{\"berth.egress\":\"web\"}},"
            + "\"HostConfig\":{\"NetworkMode\":\"default\"},\"State\":{\"Running\":true},\"NetworkSettings\":{\"Networks\":"
            + "{\"web\":{\"NetworkID\":\"n1\",\"EndpointID\":\"e1\",\"IPAddress\":\"198.18.1.2\",\"GlobalIPv6Address\":\"fd00::2\","
            + "\"Aliases\":[\"proxy\",\"abc123\"],\"DNSNames\":[\"proxy\",\"front\"]}}}}";

    FakeDockerApi api;
    DockerEngineClient client;

    @Before
    public void setUp() throws Exception {
        api = new FakeDockerApi();
        client = new DockerEngineClient(api.socket);
    }

    @After
    public void tearDown() throws Exception {
        api.close();
    }

    @Test
    public void readsContainersWithLabelsAndAttachments() {
        api.answer("GET /containers/json?all=1", 200, "[{\"Id\":\"abc123\"}]");
        api.answer("GET /containers/abc123/json", 200, INSPECT);
        Container c = client.containers().get(0);
        assertEquals("proxy", c.name());
        assertEquals("web", c.labels().get("berth.egress"));
        assertEquals("default", c.networkMode());
        assertTrue(c.running());
        assertEquals(new Container.Attachment("n1", "e1", "198.18.1.2", "fd00::2", List.of("proxy", "abc123", "front")),
                c.networks().get("web"));
        api.answer("GET /networks", 200, "[{\"Id\":\"n1\",\"Name\":\"web\"}]");
        assertEquals(java.util.Map.of("n1", "web"), client.networkNames());
        assertFalse(client.container("gone").isPresent());
    }

    @Test
    public void findsTheContainersUsingAVolumeWithDockersFilter() {
        api.answer("GET /containers/json?all=1&filters=%7B%22volume%22%3A%5B%22web-certs%22%5D%7D", 200,
                "[{\"Id\":\"abc123\"}]");
        api.answer("GET /containers/abc123/json", 200, INSPECT);
        List<Container> using = client.containersUsingVolume("web-certs");
        assertEquals(1, using.size());
        assertEquals("proxy", using.get(0).name());
        api.answer("GET /containers/json?all=1&filters=%7B%22volume%22%3A%5B%22none%22%5D%7D", 200, "[]");
        assertTrue(client.containersUsingVolume("none").isEmpty());
    }

    @Test
    public void connectsDisconnectsAndSignalsAndReportsRefusals() {
        api.answer("POST /networks/web/connect", 200, "");
        api.answer("POST /networks/web/disconnect", 200, "");
        api.answer("POST /containers/abc123/kill?signal=SIGHUP", 204, "");
        client.connect("web", "abc123");
        client.disconnect("web", "abc123");
        client.signal("abc123", "SIGHUP");
        assertTrue(api.requests.toString(), api.requests.contains("POST /networks/web/connect {\"Container\":\"abc123\"}"));
        api.answer("POST /networks/db/connect", 403, "{\"message\":\"container sharing network namespace cannot be connected\"}");
        DockerException e = assertThrows(DockerException.class, () -> client.connect("db", "abc123"));
        assertEquals(403, e.status());
        assertTrue(e.getMessage(), e.getMessage().contains("cannot be connected"));
    }

    @Test
    public void anUnreachableEngineIsAClearError() throws Exception {
        api.close();
        DockerException e = assertThrows(DockerException.class, () -> client.containers());
        assertEquals(0, e.status());
        assertTrue(e.getMessage(), e.getMessage().startsWith("cannot reach the Docker engine"));
    }

    @Test
    public void eventsReachListenersAndABrokenStreamIsFollowedByAResync() throws Exception {
        List<ContainerEvent> seen = new CopyOnWriteArrayList<>();
        EventPump pump = new EventPump(new DockerConfiguration() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return DockerConfiguration.class;
            }

            @Override
            public String socket() {
                return api.socket.toString();
            }
        });
        pump.addListener(seen::add);
        try {
            assertEquals("a new listener starts from a resync", "resync", seen.get(0).type());
            seen.clear();
            api.events.add("{\"Type\":\"container\",\"Action\":\"create\",\"Actor\":{\"ID\":\"abc123\",\"Attributes\":"
                    + "{\"name\":\"proxy\",\"berth.egress\":\"web\"}}}");
            await(() -> seen.stream().anyMatch(e -> e.type().equals("container")));
            assertEquals(new ContainerEvent("container", "create", "abc123",
                    java.util.Map.of("name", "proxy", "berth.egress", "web")),
                    seen.stream().filter(e -> e.type().equals("container")).findFirst().orElseThrow());
            await(() -> api.requests.stream().anyMatch(r -> r.startsWith("GET /events")));
            seen.clear();
            api.cutEvents();
            await(() -> seen.stream().anyMatch(e -> e.type().equals("resync")));
            api.events.add("{\"Type\":\"network\",\"Action\":\"create\",\"Actor\":{\"ID\":\"n9\",\"Attributes\":{}}}");
            await(() -> seen.stream().anyMatch(e -> e.id().equals("n9")));
        } finally {
            pump.close();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
    }
}
