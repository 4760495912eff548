package dev.berth.tags.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.dns.api.ContainerLabels;
import dev.berth.dns.api.DnsEndpoint;
import dev.berth.dns.api.DnsNetwork;
import dev.berth.dns.api.DnsRegistry;
import dev.berth.dns.api.LabelProblem;
import dev.berth.docker.api.Container;
import dev.berth.docker.api.ContainerEvent;
import dev.berth.docker.api.ContainerListener;
import dev.berth.docker.api.DockerEngine;
import dev.berth.docker.api.DockerException;
import dev.berth.ipam.api.IpPrefix;
import dev.berth.net.api.BerthNetworks;
import dev.berth.net.api.NetworkInfo;

/**
 * Keeps Berth's DNS in step with Docker: every Berth network is published (its subnets make reverse zones and
 * its gateway a listening address), every running container's endpoint on a Berth network gets its A/AAAA/PTR
 * records, and its labels their records. Docker never tells network drivers container names or labels, so
 * they come from the Docker Engine API. When the DNS bundle is not installed this component does nothing; when
 * it comes back everything is published again.
 */
@Component(service = ContainerListener.class, immediate = true)
public final class ContainerRecords implements ContainerListener {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerRecords.class);

    private final DockerEngine docker;
    private final BerthNetworks networks;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "berth-dns-records");
        t.setDaemon(true);
        return t;
    });

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, bind = "bindDns", unbind = "unbindDns")
    private volatile DnsRegistry dns;

    /**
     * Creates the component.
     *
     * @param docker the Docker engine
     * @param networks Berth's networks
     */
    @Activate
    public ContainerRecords(@Reference DockerEngine docker, @Reference BerthNetworks networks) {
        this.docker = docker;
        this.networks = networks;
    }

    void bindDns(DnsRegistry registry) {
        dns = registry;
        handle(new ContainerEvent("resync", "resync", "", Map.of()));
    }

    void unbindDns(DnsRegistry registry) {
        if (dns == registry) {
            dns = null;
        }
    }

    /** Stops working off events. */
    @Deactivate
    public void close() {
        worker.shutdownNow();
    }

    @Override
    public void handle(ContainerEvent event) {
        worker.execute(() -> {
            DnsRegistry registry = dns;
            if (registry == null) {
                return;
            }
            try {
                switch (event.type()) {
                    case "container" -> refresh(registry, event.id());
                    case "network" -> {
                        publishNetworks(registry);
                        String container = event.attributes().get("container");
                        if (container != null) {
                            refresh(registry, container);
                        }
                    }
                    default -> syncAll(registry);
                }
            } catch (DockerException | IllegalArgumentException e) {
                LOG.warn("Could not update DNS records after Docker event {} {}: {}", event.type(), event.action(),
                        e.getMessage());
            }
        });
    }

    private void syncAll(DnsRegistry registry) {
        Map<String, String> names = publishNetworks(registry);
        Set<String> endpoints = new HashSet<>();
        Set<String> labelled = new HashSet<>();
        for (Container c : docker.containers()) {
            if (c.running()) {
                endpoints.addAll(publish(registry, c, names));
                publishLabels(registry, c);
                labelled.add(c.id());
            }
        }
        for (DnsEndpoint e : registry.endpoints()) {
            if (!endpoints.contains(e.endpointId())) {
                registry.withdrawEndpoint(e.endpointId());
            }
        }
        for (ContainerLabels l : registry.labelledContainers()) {
            if (!labelled.contains(l.containerId())) {
                registry.withdrawLabels(l.containerId());
            }
        }
    }

    /** Publishes every Berth network and withdraws those that are gone; returns network names by ID. */
    private Map<String, String> publishNetworks(DnsRegistry registry) {
        Map<String, String> names = docker.networkNames();
        Set<String> ids = new HashSet<>();
        for (NetworkInfo n : networks.networks()) {
            ids.add(n.id());
            registry.publishNetwork(new DnsNetwork(n.id(), names.getOrDefault(n.id(), ""), n.subnets(), n.gateways()));
        }
        for (DnsNetwork n : registry.networks()) {
            if (!ids.contains(n.id())) {
                registry.withdrawNetwork(n.id());
            }
        }
        return names;
    }

    private void refresh(DnsRegistry registry, String containerId) {
        Container c = docker.container(containerId).orElse(null);
        Set<String> current = new HashSet<>();
        if (c != null && c.running()) {
            current.addAll(publish(registry, c, docker.networkNames()));
            publishLabels(registry, c);
        } else {
            registry.withdrawLabels(containerId);
        }
        for (DnsEndpoint e : registry.endpoints()) {
            boolean same = e.containerId().equals(containerId) || (c != null && e.containerId().equals(c.id()));
            if (same && !current.contains(e.endpointId())) {
                registry.withdrawEndpoint(e.endpointId());
            }
        }
    }

    /** Publishes the container's endpoints on Berth networks; returns their IDs. */
    private List<String> publish(DnsRegistry registry, Container c, Map<String, String> names) {
        Set<String> berth = new HashSet<>();
        networks.networks().forEach(n -> berth.add(n.id()));
        List<String> published = new ArrayList<>();
        for (Map.Entry<String, Container.Attachment> e : c.networks().entrySet()) {
            Container.Attachment a = e.getValue();
            if (a.endpointId().isEmpty() || !berth.contains(a.networkId())) {
                continue;
            }
            List<InetAddress> addresses = new ArrayList<>();
            if (!a.ipv4().isEmpty()) {
                addresses.add(IpPrefix.parseAddress(a.ipv4()));
            }
            if (!a.ipv6().isEmpty()) {
                addresses.add(IpPrefix.parseAddress(a.ipv6()));
            }
            List<String> aliases = a.aliases().stream().filter(x -> !x.equals(c.name()) && !c.id().startsWith(x))
                    .toList();
            registry.publishEndpoint(new DnsEndpoint(a.endpointId(), names.getOrDefault(a.networkId(), e.getKey()),
                    c.id(), c.name(), aliases, addresses));
            published.add(a.endpointId());
        }
        return published;
    }

    private void publishLabels(DnsRegistry registry, Container c) {
        List<LabelProblem> problems = registry.publishLabels(new ContainerLabels(c.id(), c.name(), c.labels()));
        for (LabelProblem p : problems) {
            LOG.warn("Container {}: label {}={} skipped: {}", c.name(), p.label(), p.value(), p.message());
        }
    }
}
