package dev.berth.acme.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.dns.api.DnsRegistry;

/**
 * The dns-01 TXT records this Berth published and has not removed yet, so that the records of an issuance that
 * never finished (Berth killed, a removal that failed) are removed later instead of staying in the zone forever,
 * and only those: a record an operator added himself is never in the journal, and removal is by exact data.
 *
 * <p>Why a file in Berth's data directory rather than a table of the store: the records go in through
 * {@link DnsRegistry}, which shares no transaction with any table, so a table would be no more atomic than a file;
 * the store is shared by the nodes of a cluster (and so are static records), so rows there would need a node
 * identity, which the ACME client does not have, for a start of one node not to remove another node's records
 * in flight; a file is this process's own, and its leftovers are exactly what this Berth published. The ACME client
 * needs the store for nothing else.
 *
 * <p>An entry is written <em>before</em> its record is published and dropped after it is removed, so a record
 * Berth published is journaled until it is gone; a crash just before publishing or just after removing leaves an
 * entry whose removal removes nothing. The file is one
 * {@code name TAB data} line a record, replaced whole: a temporary file beside it is written and forced to disk,
 * renamed over it atomically, and the directory forced.
 */
final class Dns01Journal {

    private static final Logger LOG = LoggerFactory.getLogger(Dns01Journal.class);
    private static final String TXT = "TXT";

    private final Path file;
    /** Entries of solvers of this process still at work: never leftovers. */
    private final Set<Entry> live = new HashSet<>();

    /**
     * @param file the journal; it and its directory are created at the first record
     */
    Dns01Journal(Path file) {
        this.file = file;
    }

    /** One journaled TXT record: its absolute owner name and its data as in a zone file. */
    record Entry(String name, String data) {
    }

    /**
     * Journals a record about to be published, durably, for a solver of this process.
     *
     * @param record the record
     * @throws UncheckedIOException when the journal cannot be written: then do not publish
     */
    synchronized void add(Entry record) {
        Set<Entry> entries = read();
        entries.add(record);
        write(entries);
        live.add(record);
    }

    /**
     * Drops a record its solver removed from the DNS server.
     *
     * @param record the record
     */
    synchronized void removed(Entry record) {
        live.remove(record);
        Set<Entry> entries = read();
        if (entries.remove(record)) {
            write(entries);
        }
    }

    /**
     * Lets go of a record its solver could not remove: it stays journaled, a leftover for the next cleanup.
     *
     * @param record the record
     */
    synchronized void abandoned(Entry record) {
        live.remove(record);
    }

    /**
     * Removes from the DNS server every journaled record that no solver of this process is using (left by a Berth
     * that was killed during an issuance, or whose removal failed), logs each one, and drops those removed from the
     * journal; a removal that fails stays journaled for the next cleanup.
     *
     * @param registry Berth's DNS records
     * @return the records removed
     */
    synchronized List<Entry> removeLeftovers(DnsRegistry registry) {
        Set<Entry> entries;
        try {
            entries = read();
        } catch (UncheckedIOException e) {
            LOG.error("Cannot read the dns-01 journal {}; records it lists stay in Berth's DNS server", file, e);
            return List.of();
        }
        List<Entry> removed = new ArrayList<>();
        for (Entry e : entries) {
            if (live.contains(e)) {
                continue;
            }
            try {
                int n = registry.removeStaticRecords(e.name(), TXT, e.data());
                LOG.info("ACME dns-01 record left by an issuance that did not finish removed: {} {} {} ({})", e.name(),
                        TXT, e.data(), n);
                removed.add(e);
            } catch (RuntimeException ex) {
                LOG.warn("Cannot remove the dns-01 record {} {} {} left by an earlier issuance; it stays journaled "
                        + "and is tried again at the next start or dns-01 issuance: {}", e.name(), TXT, e.data(),
                        ex.getMessage());
            }
        }
        if (!removed.isEmpty()) {
            entries.removeAll(removed);
            try {
                write(entries);
            } catch (UncheckedIOException ex) { // the records are gone; entries left are removed (as no-ops) later
                LOG.warn("Cannot update the dns-01 journal {}: {}", file, ex.getMessage());
            }
        }
        return removed;
    }

    private Set<Entry> read() {
        Set<Entry> entries = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    entries.add(new Entry(line.substring(0, tab), line.substring(tab + 1)));
                }
            }
        } catch (NoSuchFileException e) {
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dns-01 journal " + file, e);
        }
        return entries;
    }

    private void write(Set<Entry> entries) {
        StringBuilder text = new StringBuilder();
        entries.forEach(e -> text.append(e.name()).append('\t').append(e.data()).append('\n'));
        Path dir = file.toAbsolutePath().getParent();
        Path temporary = dir.resolve(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true); // the rename itself survives a power loss
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dns-01 journal " + file, e);
        }
    }
}
