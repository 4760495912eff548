package dev.berth.squid.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import dev.berth.docker.api.Container;
import dev.berth.docker.api.ContainerEvent;
import dev.berth.docker.api.DockerEngine;
import dev.berth.testing.Deadline;

/**
 * The component as DS builds it, Squid disabled (the configuration is still rendered), reverse mode on, with Docker
 * faked: the labelled containers are read when Docker comes and again on container events.
 */
public class SquidServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<Container> containers = new CopyOnWriteArrayList<>();
    private Path runtimeDir;
    private SquidService service;

    @Before
    public void setUp() throws Exception {
        runtimeDir = Files.createTempDirectory("berth-squid-service");
        Map<String, Object> values = Map.of("runtime_dir", runtimeDir.toString(), "data_dir", runtimeDir.toString(),
                "reverse_enabled", true, "reverse_http_port", 18080);
        SquidConfiguration config = (SquidConfiguration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SquidConfiguration.class}, (p, m, a) -> values.getOrDefault(m.getName(),
                        m.getDefaultValue()));
        service = new SquidService(config);
    }

    @After
    public void tearDown() throws Exception {
        if (service != null) {
            service.deactivate();
        }
        Files.deleteIfExists(runtimeDir);
    }

    @Test
    public void publishesLabelledContainersWhenDockerComesAndOnEvents() {
        containers.add(container("web", "www.example.test", "80"));
        service.bindDocker(docker());
        Deadline.await("web published", WAIT, () -> service.sites(), s -> s.sites().size() == 1);
        assertTrue(service.config(), service.config().contains("acl berth_site_1 dstdomain www.example.test\n"));

        containers.add(container("api", "api.example.test", "eighty"));
        containers.set(0, container("web", "shop.example.test", "8080"));
        service.handle(new ContainerEvent("container", "exec_start", "id-web", Map.of()));
        service.handle(new ContainerEvent("container", "start", "id-api", Map.of()));
        PublishedSites s = Deadline.await("the label change read", WAIT, () -> service.sites(),
                x -> x.sites().get(0).hosts().equals(List.of("shop.example.test")));
        assertEquals("10.0.0.2:8080", s.sites().get(0).backend());
        assertEquals("container:api: berth.waf.port=eighty: must be a port number from 1 to 65535",
                s.problems().get(0).toString());
        assertTrue(service.config(), service.config().contains("cache_peer 10.0.0.2 parent 8080 0 "));
        assertTrue(service.config(), service.config().contains("http_port 0.0.0.0:18080 accel vhost"));
    }

    private DockerEngine docker() {
        return (DockerEngine) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DockerEngine.class},
                (p, m, a) -> {
                    if ("containers".equals(m.getName())) {
                        return List.copyOf(containers);
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    private static Container container(String name, String host, String port) {
        return new Container("id-" + name, name, Map.of(SiteLabels.HOST, host, SiteLabels.PORT, port), "bridge", true,
                Map.of("bridge", new Container.Attachment("n", "e", "10.0.0.2/24", "", List.of())));
    }
}
