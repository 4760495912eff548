package dev.berth.tags.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.docker.api.Container;
import dev.berth.docker.api.ContainerEvent;
import dev.berth.docker.api.ContainerListener;
import dev.berth.docker.api.DockerEngine;
import dev.berth.docker.api.DockerException;
import dev.berth.net.api.BerthNetworks;
import dev.berth.net.api.NetworkInfo;
import dev.berth.tags.api.ContainerTags;
import dev.berth.tags.api.Problem;
import dev.berth.tags.api.TagInfo;
import dev.berth.tags.api.TagPolicy;
import dev.berth.tags.api.Verdict;

/**
 * Attaches labelled containers to the networks their tags select and gives their endpoints the tags' roles.
 * It works from Docker's events: a created container is connected before it starts, a started one gets its
 * roles; on every (re)connection to the events stream it re-reads all containers, which repairs whatever
 * happened while Berth was not watching.
 */
@Component(service = {TagPolicy.class, ContainerListener.class}, immediate = true)
public final class TagController implements TagPolicy, ContainerListener {

    private static final Logger LOG = LoggerFactory.getLogger(TagController.class);

    private final DockerEngine docker;
    private final BerthNetworks networks;
    private final Map<String, List<String>> problems = new ConcurrentHashMap<>();
    /**
     * Events are worked off on the controller's own threads, never on the events stream's: the events of one
     * container in order on one thread, different containers in parallel (attaching is a round trip to dockerd
     * and through it to Berth's own plugin socket, so fifty containers started at once should not queue).
     */
    private final ExecutorService[] workers;

    /**
     * Creates the controller; the resync the events stream gives every new listener attaches what exists.
     *
     * @param docker the Docker engine
     * @param networks Berth's networks
     */
    @Activate
    public TagController(@Reference DockerEngine docker, @Reference BerthNetworks networks) {
        this(docker, networks, threads(4));
    }

    TagController(DockerEngine docker, BerthNetworks networks, ExecutorService... workers) {
        this.docker = docker;
        this.networks = networks;
        this.workers = workers;
    }

    private static ExecutorService[] threads(int n) {
        ExecutorService[] out = new ExecutorService[n];
        for (int i = 0; i < n; i++) {
            int index = i;
            out[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "berth-tags-" + index);
                t.setDaemon(true);
                return t;
            });
        }
        return out;
    }

    /** Stops working off events. */
    @Deactivate
    public void close() {
        for (ExecutorService w : workers) {
            w.shutdownNow();
        }
    }

    @Override
    public void handle(ContainerEvent event) {
        ExecutorService worker = event.type().equals("container")
                ? workers[Math.floorMod(event.id().hashCode(), workers.length)] : workers[0];
        worker.execute(() -> {
            try {
                process(event);
            } catch (RuntimeException e) {
                LOG.warn("Could not apply tags after Docker event {} {} {}: {}", event.type(), event.action(),
                        event.id(), e.getMessage());
            }
        });
    }

    void process(ContainerEvent event) {
        switch (event.type() + "/" + event.action()) {
            case "container/create", "container/start" -> docker.container(event.id()).ifPresent(this::apply);
            case "container/destroy" -> problems.remove(event.attributes().getOrDefault("name", event.id()));
            case "network/create", "network/destroy", "resync/resync" -> syncAll();
            default -> {
                // other events change nothing tags decide
            }
        }
    }

    /** Re-reads every container and applies its tags. */
    void syncAll() {
        List<Container> all;
        try {
            all = docker.containers();
        } catch (DockerException e) {
            LOG.warn("Cannot read containers to apply tags: {}", e.getMessage());
            return;
        }
        problems.keySet().retainAll(all.stream().map(Container::name).toList());
        for (Container c : all) {
            apply(c);
        }
    }

    /** Connects the container to the networks its tags select, and gives its endpoints their roles. */
    void apply(Container c) {
        TagLabels tags = TagLabels.of(c.labels());
        if (tags.isEmpty() && tags.problems().isEmpty()) {
            problems.remove(c.name());
            return;
        }
        List<String> found = new ArrayList<>(tags.problems());
        String mode = c.networkMode();
        if (!tags.isEmpty() && (mode.equals("host") || mode.equals("none") || mode.startsWith("container:"))) {
            found.add("network mode " + mode + " takes no other network: its tags cannot be applied");
            report(c, found);
            return;
        }
        List<NetworkInfo> selected = selected(tags, found);
        boolean connected = false;
        for (NetworkInfo n : selected) {
            boolean attached = c.networks().values().stream().anyMatch(a -> a.networkId().equals(n.id()));
            if (!attached) {
                try {
                    docker.connect(n.id(), c.id());
                    connected = true;
                    LOG.info("Attached container {} to network {} for tags {}", c.name(), n.id().substring(0, 12),
                            shared(tags.all(), n.tags()));
                } catch (DockerException e) {
                    found.add("cannot attach to network " + n.id().substring(0, 12) + ": " + e.getMessage());
                }
            }
        }
        if (!selected.isEmpty() && mode.equals("default") && c.networks().containsKey("bridge")
                && !c.networks().get("bridge").networkId().isEmpty()) {
            // the container's networks are what its tags say: not also Docker's default bridge
            try {
                docker.disconnect("bridge", c.id());
                connected = true;
                LOG.info("Detached container {} from Docker's default bridge", c.name());
            } catch (DockerException e) {
                found.add("cannot detach from Docker's default bridge: " + e.getMessage());
            }
        }
        Container current = connected ? docker.container(c.id()).orElse(c) : c;
        assignRoles(current, tags, selected);
        report(current, found);
    }

    private List<NetworkInfo> selected(TagLabels tags, List<String> found) {
        List<NetworkInfo> all = networks.networks();
        List<NetworkInfo> selected = all.stream().filter(n -> !shared(tags.all(), n.tags()).isEmpty()).toList();
        for (String tag : tags.all()) {
            if (all.stream().noneMatch(n -> n.tags().contains(tag))) {
                found.add("tag " + tag + " selects no network (create one with -o berth.tags=" + tag + ")");
            }
        }
        return selected;
    }

    private void assignRoles(Container c, TagLabels tags, List<NetworkInfo> selected) {
        for (Container.Attachment a : c.networks().values()) {
            if (a.endpointId().isEmpty() || selected.stream().noneMatch(n -> n.id().equals(a.networkId()))) {
                continue;
            }
            try {
                networks.assignRoles(a.networkId(), a.endpointId(), tags.egress(), tags.ingress());
            } catch (IllegalArgumentException e) {
                LOG.debug("Endpoint {} of {} is not (yet) Berth's: {}", a.endpointId(), c.name(), e.getMessage());
            }
        }
    }

    private void report(Container c, List<String> found) {
        List<String> before = found.isEmpty() ? problems.remove(c.name()) : problems.put(c.name(), List.copyOf(found));
        if (!found.isEmpty() && !found.equals(before)) {
            LOG.warn("Container {}: {}", c.name(), String.join("; ", found));
        }
    }

    private static Set<String> shared(Set<String> a, List<String> b) {
        Set<String> s = new TreeSet<>(a);
        s.retainAll(b);
        return s;
    }

    // --- TagPolicy ------------------------------------------------------------------------------------------

    @Override
    public List<TagInfo> tags() {
        List<NetworkInfo> all = networks.networks();
        Map<String, List<List<String>>> byTag = new TreeMap<>();
        for (NetworkInfo n : all) {
            for (String t : n.tags()) {
                byTag.computeIfAbsent(t, k -> List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()))
                        .get(0).add(name(n));
            }
        }
        for (Container c : docker.containers()) {
            TagLabels tags = TagLabels.of(c.labels());
            for (String t : tags.egress()) {
                byTag.computeIfAbsent(t, k -> List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()))
                        .get(1).add(c.name());
            }
            for (String t : tags.ingress()) {
                byTag.computeIfAbsent(t, k -> List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()))
                        .get(2).add(c.name());
            }
        }
        List<TagInfo> out = new ArrayList<>();
        byTag.forEach((tag, lists) -> out.add(new TagInfo(tag, lists.get(0), lists.get(1), lists.get(2))));
        return out;
    }

    @Override
    public ContainerTags container(String idOrName) {
        Container c = find(idOrName);
        TagLabels tags = TagLabels.of(c.labels());
        List<NetworkInfo> all = networks.networks();
        List<String> attached = all.stream().filter(n -> !shared(tags.all(), n.tags()).isEmpty()).map(this::name)
                .toList();
        List<String> peers = new ArrayList<>();
        for (Container other : docker.containers()) {
            if (!other.id().equals(c.id()) && verdict(c, other, all).allowed()) {
                peers.add(other.name());
            }
        }
        return new ContainerTags(c.id(), c.name(), tags.egress(), tags.ingress(), attached, peers,
                problems.getOrDefault(c.name(), List.of()));
    }

    @Override
    public Verdict explain(String from, String to) {
        return verdict(find(from), find(to), networks.networks());
    }

    private Verdict verdict(Container from, Container to, List<NetworkInfo> all) {
        Map<String, List<String>> shared = new LinkedHashMap<>();
        for (NetworkInfo n : all) {
            boolean a = from.networks().values().stream().anyMatch(x -> x.networkId().equals(n.id()));
            boolean b = to.networks().values().stream().anyMatch(x -> x.networkId().equals(n.id()));
            if (a && b) {
                shared.put(name(n), n.tags());
            }
        }
        return Verdicts.decide(from.name(), TagLabels.of(from.labels()), to.name(), TagLabels.of(to.labels()), shared);
    }

    @Override
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        new TreeMap<>(problems).forEach((c, list) -> list.forEach(m -> out.add(new Problem(c, m))));
        return out;
    }

    private Container find(String idOrName) {
        return docker.container(idOrName).orElseThrow(() -> new IllegalArgumentException("no container " + idOrName));
    }

    /** Docker does not tell drivers a network's name; its API does. */
    private String name(NetworkInfo n) {
        try {
            return docker.networkNames().getOrDefault(n.id(), n.id().substring(0, 12));
        } catch (DockerException e) {
            return n.id().substring(0, 12);
        }
    }
}
