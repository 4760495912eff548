package dev.berth.certs.internal;

import java.util.Collection;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.certs.api.CertificateRecord;
import dev.berth.store.api.Store;

/**
 * Keeps the database's certificate records in step with the ledger while a store is attached: each record as it
 * is issued or revoked, and everything again after the store appeared or a write failed. All database work runs
 * on the certificate manager's worker thread, never on the caller's.
 */
final class StoreSync {

    private static final Logger LOG = LoggerFactory.getLogger(StoreSync.class);

    private final StoreMirror mirror;
    private final Executor worker;
    private final Supplier<Collection<CertificateRecord>> ledger;
    private final AtomicBoolean behind = new AtomicBoolean(true);
    private volatile Store store;

    StoreSync(StoreMirror mirror, Executor worker, Supplier<Collection<CertificateRecord>> ledger) {
        this.mirror = mirror;
        this.worker = worker;
        this.ledger = ledger;
    }

    void attach(Store newStore) {
        store = newStore;
        behind.set(true);
        worker.execute(this::catchUp);
    }

    void detach(Store old) {
        if (store == old) {
            store = null;
        }
    }

    boolean attached() {
        return store != null && !behind.get();
    }

    /** Writes one record, or remembers that the database is behind. */
    void record(CertificateRecord record) {
        Store s = store;
        if (s == null || behind.get()) {
            behind.set(true);
            return;
        }
        worker.execute(() -> {
            try {
                mirror.write(s, record);
            } catch (RuntimeException e) {
                behind.set(true);
                LOG.warn("Could not write certificate {} to the database; will retry: {}", record.serialHex(),
                        e.getMessage());
            }
        });
    }

    /** Writes every record when the database is behind; called on the worker thread. */
    void catchUp() {
        Store s = store;
        if (s == null || !behind.getAndSet(false)) {
            return;
        }
        try {
            mirror.attach(s, ledger.get());
            LOG.info("Certificate records written to the database");
        } catch (RuntimeException e) {
            behind.set(true);
            LOG.warn("Could not write certificate records to the database; will retry: {}", e.getMessage());
        }
    }
}
