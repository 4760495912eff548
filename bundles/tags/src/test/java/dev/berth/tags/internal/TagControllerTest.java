package dev.berth.tags.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.Test;

import dev.berth.docker.api.Container;
import dev.berth.docker.api.ContainerEvent;
import dev.berth.docker.api.DockerEngine;
import dev.berth.docker.api.DockerException;
import dev.berth.net.api.BerthNetworks;
import dev.berth.net.api.EgressMode;
import dev.berth.net.api.EndpointInfo;
import dev.berth.net.api.NetworkInfo;
import dev.berth.net.api.ReconcileReport;
import dev.berth.net.api.RoutingMode;

/** The controller's reactions to Docker's events, with Docker and the network driver recorded in memory. */
public class TagControllerTest {

    static final String WEB = "aaaaaaaaaaaa" + "0".repeat(52);
    static final String DB = "bbbbbbbbbbbb" + "0".repeat(52);

    final Map<String, Container> containers = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    final DockerEngine docker = new DockerEngine() {
        @Override
        public List<Container> containers() {
            return new ArrayList<>(containers.values());
        }

        @Override
        public Optional<Container> container(String idOrName) {
            return containers.values().stream().filter(c -> c.id().equals(idOrName) || c.name().equals(idOrName))
                    .findFirst();
        }

        @Override
        public Map<String, String> networkNames() {
            return Map.of(WEB, "web-net", DB, "db-net");
        }

        @Override
        public void connect(String network, String containerId) {
            calls.add("connect " + network.substring(0, 12) + " " + containerId);
            if (containerId.equals("broken")) {
                throw new DockerException(500, "Docker refused to connect");
            }
            Container c = containers.get(containerId);
            Map<String, Container.Attachment> n = new HashMap<>(c.networks());
            n.put(network.equals(WEB) ? "web-net" : "db-net", new Container.Attachment(network, "", "", "", List.of()));
            containers.put(containerId, new Container(c.id(), c.name(), c.labels(), c.networkMode(), c.running(), n));
        }

        @Override
        public void disconnect(String network, String containerId) {
            calls.add("disconnect " + network + " " + containerId);
        }

        @Override
        public List<Container> containersUsingVolume(String volume) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void signal(String containerId, String signal) {
            throw new UnsupportedOperationException();
        }
    };

    final BerthNetworks networks = new BerthNetworks() {
        @Override
        public List<NetworkInfo> networks() {
            return List.of(network(WEB, "web"), network(DB, "db"));
        }

        @Override
        public List<EndpointInfo> endpoints(String networkId) {
            return List.of();
        }

        @Override
        public void assignRoles(String networkId, String endpointId, Set<String> egress, Set<String> ingress) {
            calls.add("roles " + networkId.substring(0, 12) + " " + endpointId + " " + new java.util.TreeSet<>(egress)
                    + " " + new java.util.TreeSet<>(ingress));
        }

        @Override
        public ReconcileReport reconcile() {
            return new ReconcileReport(List.of(), List.of());
        }

        @Override
        public RoutingMode routingMode() {
            return new RoutingMode(false, "test");
        }

        @Override
        public List<dev.berth.net.api.PeerNetwork> peers() {
            return List.of();
        }
    };

    /** Runs the controller's work on the calling thread, so that each event is done when handle returns. */
    static final class DirectExecutor extends java.util.concurrent.AbstractExecutorService {
        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, java.util.concurrent.TimeUnit unit) {
            return true;
        }
    }

    static NetworkInfo network(String id, String tag) {
        return new NetworkInfo(id, "bt-" + id.substring(0, 12), 25000, List.of(), List.of(), 1500, false, EgressMode.NONE,
                List.of(tag), Map.of(), 0, Instant.EPOCH);
    }

    void add(String id, String name, Map<String, String> labels, String mode) {
        containers.put(id, new Container(id, name, labels, mode, false, Map.of()));
    }

    @Test
    public void aCreatedContainerIsAttachedAndAStartedOneGetsItsRoles() {
        TagController controller = new TagController(docker, networks, new DirectExecutor());
        add("c1", "app", Map.of("berth.ingress", "web", "berth.egress", "db"), "default");
        controller.handle(new ContainerEvent("container", "create", "c1", Map.of()));
        assertEquals(List.of("connect aaaaaaaaaaaa c1", "connect bbbbbbbbbbbb c1"), calls.stream().sorted().toList());
        // Docker gives the endpoints IDs when the container starts
        Container c = containers.get("c1");
        containers.put("c1", new Container("c1", "app", c.labels(), "default", true, Map.of(
                "web-net", new Container.Attachment(WEB, "ep-web", "198.18.1.2", "", List.of()),
                "db-net", new Container.Attachment(DB, "ep-db", "198.18.2.2", "", List.of()))));
        calls.clear();
        controller.handle(new ContainerEvent("container", "start", "c1", Map.of()));
        assertEquals(List.of("roles aaaaaaaaaaaa ep-web [db] [web]", "roles bbbbbbbbbbbb ep-db [db] [web]"),
                calls.stream().sorted().toList());
        assertEquals(List.of(), controller.problems());
    }

    @Test
    public void problemsAreReportedAndTheContainerIsStillHandled() {
        TagController controller = new TagController(docker, networks, new DirectExecutor());
        add("c2", "lost", Map.of("berth.egress", "web,nowhere,BAD"), "default");
        add("c3", "hermit", Map.of("berth.egress", "web"), "none");
        add("broken", "broken", Map.of("berth.ingress", "db"), "default");
        add("c4", "plain", Map.of(), "default");
        controller.handle(new ContainerEvent("resync", "resync", "", Map.of()));
        assertTrue(calls.toString(), calls.contains("connect aaaaaaaaaaaa c2"));
        List<String> problems = controller.problems().stream().map(p -> p.container() + ": " + p.message()).toList();
        assertTrue(problems.toString(), problems.contains("lost: tag nowhere selects no network (create one with -o "
                + "berth.tags=nowhere)"));
        assertTrue(problems.toString(), problems.stream().anyMatch(p -> p.startsWith("lost: berth.egress: 'BAD'")));
        assertTrue(problems.toString(), problems.contains("hermit: network mode none takes no other network: its tags "
                + "cannot be applied"));
        assertTrue(problems.toString(), problems.stream().anyMatch(p -> p.startsWith("broken: cannot attach")));
        assertTrue(calls.stream().noneMatch(c -> c.endsWith(" c4") || c.endsWith(" c3")));
        controller.handle(new ContainerEvent("container", "destroy", "c3", Map.of("name", "hermit")));
        assertTrue(controller.problems().stream().noneMatch(p -> p.container().equals("hermit")));
    }

    @Test
    public void explainNamesTagsAndNetworks() {
        TagController controller = new TagController(docker, networks, new DirectExecutor());
        containers.put("p", new Container("p", "proxy", Map.of("berth.egress", "web"), "default", true,
                Map.of("web-net", new Container.Attachment(WEB, "e1", "198.18.1.2", "", List.of()))));
        containers.put("a", new Container("a", "app", Map.of("berth.ingress", "web"), "default", true,
                Map.of("web-net", new Container.Attachment(WEB, "e2", "198.18.1.3", "", List.of()))));
        assertTrue(controller.explain("proxy", "app").allowed());
        assertEquals("refused: on network web-net (tags web) app has egress none and proxy has ingress none; a new "
                + "connection needs an egress tag of the sender that is an ingress tag of the receiver",
                controller.explain("app", "proxy").reason());
        assertEquals(List.of("app"), controller.container("proxy").peers());
    }
}
