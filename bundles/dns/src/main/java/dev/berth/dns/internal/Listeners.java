package dev.berth.dns.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.ipam.api.IpPrefix;

/**
 * Keeps a UDP and a TCP listener on every address the server should listen on. An address that cannot be
 * bound (a gateway whose bridge is not up yet, a port taken) is retried every second until it can or is no
 * longer wanted. TCP is bound first and without SO_REUSEPORT, so a port another process serves is detected
 * instead of shared.
 */
final class Listeners implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    /** Both listeners of one address. */
    private record Pair(TcpListener tcp, UdpListener udp) {
    }

    private final DnsSettings settings;
    private final QueryProcessor processor;
    private final ExecutorService connections;
    private final ScheduledExecutorService scheduler;
    private final Map<InetAddress, Pair> bound = new HashMap<>();
    private final Map<InetAddress, String> failures = new HashMap<>();
    private Set<InetAddress> wanted = new LinkedHashSet<>();
    private ScheduledFuture<?> retry;
    private boolean closed;

    Listeners(DnsSettings settings, QueryProcessor processor, ExecutorService connections,
            ScheduledExecutorService scheduler) {
        this.settings = settings;
        this.processor = processor;
        this.connections = connections;
        this.scheduler = scheduler;
    }

    /**
     * Listens on exactly these addresses from now on.
     *
     * @param addresses the addresses
     */
    synchronized void listenOn(Set<InetAddress> addresses) {
        wanted = new LinkedHashSet<>(addresses);
        reconcile();
    }

    synchronized List<InetSocketAddress> listening() {
        List<InetSocketAddress> list = new ArrayList<>();
        for (InetAddress a : wanted) {
            Pair p = bound.get(a);
            if (p != null) {
                list.add(p.tcp().address());
            }
        }
        return list;
    }

    synchronized List<String> failures() {
        List<String> list = new ArrayList<>();
        failures.forEach((a, why) -> list.add(IpPrefix.format(a) + " port " + settings.port() + ": " + why));
        return list;
    }

    private void reconcile() {
        if (closed) {
            return;
        }
        for (InetAddress a : new ArrayList<>(bound.keySet())) {
            if (!wanted.contains(a)) {
                Pair p = bound.remove(a);
                p.tcp().close();
                p.udp().close();
                LOG.info("DNS server stopped listening on {}", p.tcp().address());
            }
        }
        failures.keySet().retainAll(wanted);
        for (InetAddress a : wanted) {
            if (!bound.containsKey(a)) {
                bind(a);
            }
        }
        if (failures.isEmpty() && retry != null) {
            retry.cancel(false);
            retry = null;
        } else if (!failures.isEmpty() && retry == null) {
            retry = scheduler.scheduleWithFixedDelay(this::retry, 1, 1, TimeUnit.SECONDS);
        }
    }

    private synchronized void retry() {
        reconcile();
    }

    private void bind(InetAddress address) {
        TcpListener tcp = null;
        try {
            tcp = new TcpListener(new InetSocketAddress(address, settings.port()), processor, connections,
                    settings.tcpIdleTimeout(), settings.forwardTimeout().plusSeconds(1));
            UdpListener udp = new UdpListener(tcp.address(), settings.udpThreads(), processor);
            bound.put(address, new Pair(tcp, udp));
            if (failures.remove(address) != null) {
                LOG.info("DNS server listening on {} (UDP and TCP) after all", tcp.address());
            } else {
                LOG.info("DNS server listening on {} (UDP and TCP)", tcp.address());
            }
        } catch (IOException | RuntimeException e) {
            if (tcp != null) {
                tcp.close();
            }
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            if (!why.equals(failures.put(address, why))) {
                LOG.warn("DNS server cannot listen on {} port {} yet, retrying every second: {}",
                        IpPrefix.format(address), settings.port(), why);
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (retry != null) {
            retry.cancel(false);
        }
        bound.values().forEach(p -> {
            p.tcp().close();
            p.udp().close();
        });
        bound.clear();
    }
}
