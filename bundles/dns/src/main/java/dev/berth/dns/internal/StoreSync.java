package dev.berth.dns.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.dns.api.DnsRecord;
import dev.berth.store.api.Migration;
import dev.berth.store.api.Store;
import dev.berth.store.api.StoreException;

/**
 * Saves the registry's changes to the store on one worker thread, right after they are served, and loads the
 * registry from the store when a store appears. Without a store, or while it fails, changes wait (the last
 * value of each object, not a log of operations) and are saved when it is back; the server keeps answering
 * from memory meanwhile. Rows are this node's: it loads, replaces and deletes only its own, and reads the other
 * nodes' rows (and the shared static records) when the store appears and then every poll.
 */
final class StoreSync implements AutoCloseable {

    static final List<Migration> MIGRATIONS = List.of(
            Migration.fromResource(1, "networks, endpoints, labels, static records", StoreSync.class,
                    "V1__records.sql"),
            Migration.fromResource(2, "the node of each network, endpoint and labelled container", StoreSync.class,
                    "V2__nodes.sql"));
    private static final Logger LOG = LoggerFactory.getLogger(StoreSync.class);
    private static final int BATCH = 200;
    private static final long MAX_BACKOFF_MS = 30_000;

    private final RecordRegistry registry;
    private final ScheduledExecutorService worker;
    private final String node;
    private final Map<StateKey, Long> dirty = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong();
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private volatile Store store;
    private volatile boolean loaded;
    private long backoffMs;
    private String pollProblem;

    /**
     * Starts following the other nodes' records, once a store is there.
     *
     * @param registry the registry
     * @param worker the thread that talks to the store
     * @param node this node's name in the store
     * @param poll how often to read the other nodes' records; zero: only when a store appears
     */
    StoreSync(RecordRegistry registry, ScheduledExecutorService worker, String node, Duration poll) {
        this.registry = registry;
        this.worker = worker;
        this.node = node;
        if (!poll.isZero()) {
            worker.scheduleWithFixedDelay(this::poll, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Notes a change to save.
     *
     * @param key the object changed
     */
    void changed(StateKey key) {
        dirty.put(key, versions.incrementAndGet());
        if (loaded && flushQueued.compareAndSet(false, true)) {
            worker.execute(this::flush);
        }
    }

    /**
     * Uses a store from now on: brings its tables up to date, saves what changed meanwhile and loads the
     * registry from it.
     *
     * @param available the store
     */
    void storeAvailable(Store available) {
        store = available;
        worker.execute(() -> connect(available));
    }

    /**
     * Stops using a store; changes wait until another one appears.
     *
     * @param gone the store going away
     */
    void storeGone(Store gone) {
        if (store == gone) {
            store = null;
            loaded = false;
            LOG.info("DNS: store gone; serving from memory, {} changes wait to be saved", dirty.size());
        }
    }

    /**
     * Tells how many changes wait to be saved.
     *
     * @return the number of objects changed and not yet saved
     */
    int pending() {
        return dirty.size();
    }

    boolean loaded() {
        return loaded;
    }

    private void connect(Store s) {
        if (store != s) {
            return;
        }
        try {
            s.migrate("dns", MIGRATIONS);
            int claimed = s.transaction(c -> DnsTables.claim(c, node));
            if (claimed > 0) {
                LOG.info("DNS: {} networks, endpoints and labelled containers saved before rows had a node are "
                        + "now node {}'s", claimed, node);
            }
            save(s);
            RegistryState state = s.transaction(c -> DnsTables.load(c, node));
            registry.load(state, dirty.keySet());
            loaded = true;
            backoffMs = 0;
            flush();
        } catch (StoreException e) {
            retryLater(() -> connect(s), "load the DNS registry from", e);
            return;
        }
        readPeers(s);
    }

    private void poll() {
        Store s = store;
        if (s != null && loaded) {
            readPeers(s);
        }
    }

    /** Serves what the other nodes publish now, and the static records as any node left them. */
    private void readPeers(Store s) {
        try {
            Shared shared = s.transaction(c -> new Shared(DnsTables.peers(c, node), DnsTables.statics(c)));
            registry.peersLoaded(shared.peers());
            registry.staticsLoaded(shared.statics(), dirty.keySet());
            pollProblem = null;
        } catch (RuntimeException e) {
            // a StoreException, or a row that does not parse: either way the next poll tries again
            if (!String.valueOf(e.getMessage()).equals(pollProblem)) {
                LOG.warn("DNS: cannot read the other nodes' records from the store; serving those read before: {}",
                        e.getMessage());
            }
            pollProblem = String.valueOf(e.getMessage());
        }
    }

    private void flush() {
        flushQueued.set(false);
        Store s = store;
        if (s == null || !loaded) {
            return;
        }
        try {
            save(s);
            backoffMs = 0;
        } catch (StoreException e) {
            retryLater(this::flush, "save DNS changes to", e);
        }
    }

    private void save(Store s) {
        while (!dirty.isEmpty()) {
            List<Map.Entry<StateKey, Long>> batch = new ArrayList<>();
            for (Map.Entry<StateKey, Long> e : dirty.entrySet()) {
                batch.add(Map.entry(e.getKey(), e.getValue()));
                if (batch.size() == BATCH) {
                    break;
                }
            }
            List<Object> values = batch.stream().map(e -> registry.valueOf(e.getKey())).toList();
            List<StateKey> refused = s.transaction(c -> {
                List<StateKey> held = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    if (!DnsTables.write(c, node, batch.get(i).getKey(), values.get(i))) {
                        held.add(batch.get(i).getKey());
                    }
                }
                return held;
            });
            // IDs are Docker's, unique across hosts: only the same host under another node name gets here
            refused.forEach(k -> LOG.warn("DNS: {} not saved: another node's row in the store has its ID; it is "
                    + "served here from memory", k));
            // a key changed again meanwhile keeps its newer version and is saved in a later batch
            batch.forEach(e -> dirty.remove(e.getKey(), e.getValue()));
        }
    }

    private void retryLater(Runnable task, String what, StoreException e) {
        backoffMs = backoffMs == 0 ? 1000 : Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        LOG.warn("DNS: cannot {} the store, retrying in {} ms; serving from memory: {}", what, backoffMs,
                e.getMessage());
        if (!worker.isShutdown()) {
            worker.schedule(task, backoffMs, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * What every node shares, read at once.
     *
     * @param peers each other node's state, by node
     * @param statics the static records
     */
    private record Shared(Map<String, RegistryState> peers, Map<StateKey.Static, DnsRecord> statics) {
    }

    /** Saves what is pending, waiting a few seconds at most, and stops the worker. */
    @Override
    public void close() {
        worker.execute(this::flush);
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("DNS: {} changes not saved to the store at shutdown", dirty.size());
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }
}
