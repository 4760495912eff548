package dev.berth.certs.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

import javax.crypto.AEADBadTagException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate manager's local store: a directory tree in which every file is sealed under the master key
 * ({@link Sealer}). It works without the database. Names are relative paths; directories are created on write.
 *
 * <p>Besides the sealed files the root holds {@code .verifier} (a sealed constant that tells a wrong master key
 * from a right one before anything is touched), {@code .rotation} while a master key rotation is under way,
 * and {@code .retired} (identifiers of master keys rotated away, to tell the operator which key they gave).
 */
public final class Vault {

    private static final Logger LOG = LoggerFactory.getLogger(Vault.class);
    static final String VERIFIER = ".verifier";
    static final String JOURNAL = ".rotation";
    static final String RETIRED = ".retired";
    static final byte[] VERIFIER_TEXT = "berth vault verifier v1".getBytes(StandardCharsets.US_ASCII);

    private final Path root;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile Sealer sealer;

    private Vault(Path root, Sealer sealer) {
        this.root = root;
        this.sealer = sealer;
    }

    /**
     * Opens the vault, creating it when the directory is empty or missing. When a master key rotation was
     * interrupted it finishes it towards {@code key}.
     *
     * @param root the directory
     * @param key the master key
     * @return the open vault
     * @throws MasterKeyException when {@code key} is not the vault's master key; nothing is changed then
     * @throws IOException when the directory cannot be read or written
     */
    public static Vault open(Path root, MasterKey key) throws IOException {
        VaultFiles.createDirectories(root);
        Vault vault = new Vault(root, new Sealer(key));
        vault.removeTemporaries();
        Path journal = root.resolve(JOURNAL);
        if (Files.isRegularFile(journal)) {
            MasterKey other = RotationJournal.decode(Files.readAllBytes(journal)).other(key);
            LOG.warn("A master key rotation was interrupted; finishing it towards master key {}, the one Berth was "
                    + "started with", key.id());
            KeyRotation.finish(vault, new Sealer(other), null, RotationObserver.NONE);
        } else if (Files.isRegularFile(root.resolve(VERIFIER))) {
            vault.verify();
        } else if (vault.names("").isEmpty()) {
            VaultFiles.writeAtomically(root.resolve(VERIFIER), vault.sealer.seal(VERIFIER, VERIFIER_TEXT));
            LOG.info("Created the certificate manager's encrypted store in {} under master key {}", root, key.id());
        } else {
            throw new IOException("the encrypted store " + root + " holds data but no " + VERIFIER + " file; it is "
                    + "damaged or not Berth's");
        }
        return vault;
    }

    private void verify() throws IOException {
        byte[] blob = Files.readAllBytes(root.resolve(VERIFIER));
        String given = sealer.master().id();
        if (Sealer.isSealed(blob) && !sealer.sealedByMe(blob)) {
            String expected = RotationJournal.hex(Sealer.keyId(blob));
            throw new MasterKeyException(retiredOn(given).map(when -> "the master key given (" + given + ") was "
                    + "replaced by master key " + expected + " on " + when + "; start Berth with the current one")
                    .orElse("the master key given (" + given + ") is not the one the certificate store " + root
                            + " is encrypted with (" + expected + "); nothing was changed"));
        }
        try {
            if (!Arrays.equals(sealer.open(VERIFIER, blob), VERIFIER_TEXT)) {
                throw new MasterKeyException("the verifier of " + root + " holds unexpected content");
            }
        } catch (AEADBadTagException e) {
            throw new MasterKeyException("the master key given (" + given + ") does not open the certificate store "
                    + root + " although its identifier matches: the verifier is damaged; nothing was changed", e);
        }
    }

    private Optional<String> retiredOn(String id) throws IOException {
        Path retired = root.resolve(RETIRED);
        if (!Files.isRegularFile(retired)) {
            return Optional.empty();
        }
        return Files.readAllLines(retired, StandardCharsets.US_ASCII).stream().map(l -> l.split(" ", 2))
                .filter(f -> f.length == 2 && f[0].equals(id)).map(f -> f[1]).findFirst();
    }

    /**
     * Returns the identifier of the master key the vault is sealed under.
     *
     * @return 16 hexadecimal digits
     */
    public String keyId() {
        return sealer.master().id();
    }

    /**
     * Reads and opens a sealed file.
     *
     * @param name the name
     * @return the plaintext, or empty when there is no such file
     * @throws IOException when it cannot be read or does not open (damaged or tampered with)
     */
    public Optional<byte[]> read(String name) throws IOException {
        Path file = resolve(name);
        lock.readLock().lock();
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of(sealer.open(name, Files.readAllBytes(file)));
        } catch (AEADBadTagException e) {
            throw new IOException("the encrypted file " + file + " does not open under master key " + keyId()
                    + ": it was damaged or tampered with", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Seals and writes a file atomically and durably, creating its directories.
     *
     * @param name the name
     * @param plaintext the content
     * @throws IOException when it cannot be written
     */
    public void write(String name, byte[] plaintext) throws IOException {
        Path file = resolve(name);
        lock.readLock().lock();
        try {
            VaultFiles.writeAtomically(file, sealer.seal(name, plaintext));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Deletes a file or an empty directory.
     *
     * @param name the name
     * @return whether it existed
     * @throws IOException when a directory is not empty or it cannot be deleted
     */
    public boolean delete(String name) throws IOException {
        Path file = resolve(name);
        lock.readLock().lock();
        try {
            boolean existed = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
            VaultFiles.deleteDurably(file);
            return existed;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Deletes a file, or a directory and everything below it.
     *
     * @param name the name
     * @throws IOException when something cannot be deleted
     */
    public void deleteTree(String name) throws IOException {
        Path top = resolve(name);
        lock.readLock().lock();
        try (Stream<Path> walk = Files.exists(top, LinkOption.NOFOLLOW_LINKS) ? Files.walk(top) : Stream.empty()) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
            if (Files.isDirectory(top.getParent())) {
                VaultFiles.forceDirectory(top.getParent());
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Creates a directory and its parents.
     *
     * @param name the name
     * @throws IOException when a file of that name exists or it cannot be created
     */
    public void createDirectory(String name) throws IOException {
        VaultFiles.createDirectories(resolve(name));
    }

    /**
     * Tells what a name is.
     *
     * @param name the name
     * @return whether it is a directory
     */
    public boolean isDirectory(String name) {
        return Files.isDirectory(resolve(name), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Tells whether a file or directory exists.
     *
     * @param name the name
     * @return whether it exists
     */
    public boolean exists(String name) {
        return Files.exists(resolve(name), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Returns the size of a file's plaintext, without opening it.
     *
     * @param name the name
     * @return the size in bytes
     * @throws IOException when it cannot be read
     */
    public long size(String name) throws IOException {
        return Math.max(0, Files.size(resolve(name)) - Sealer.HEADER - dev.berth.certs.crypto.Aead.TAG_LENGTH);
    }

    /**
     * Returns when a file or directory was last written.
     *
     * @param name the name
     * @return the modification time
     * @throws IOException when it cannot be read
     */
    public Instant modified(String name) throws IOException {
        return Files.getLastModifiedTime(resolve(name), LinkOption.NOFOLLOW_LINKS).toInstant();
    }

    /**
     * Lists the entries of a directory, directly inside it.
     *
     * @param directory the directory's name; empty for the root
     * @return the member names (not paths), sorted; empty when the directory does not exist
     * @throws IOException when it cannot be read
     */
    public List<String> list(String directory) throws IOException {
        Path dir = directory.isEmpty() ? root : resolve(directory);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> members = Files.list(dir)) {
            return members.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    /**
     * Lists every sealed file below a directory, recursively.
     *
     * @param directory the directory; empty for the whole vault
     * @return the names of the files, sorted
     * @throws IOException when it cannot be read
     */
    public List<String> names(String directory) throws IOException {
        Path dir = directory.isEmpty() ? root : resolve(directory);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> root.relativize(p).toString())
                    .filter(n -> Arrays.stream(n.split("/")).noneMatch(s -> s.startsWith("."))).sorted().toList();
        }
    }

    /**
     * Rotates the master key: records the rotation in a journal, re-seals every file under {@code next}, lets
     * {@code commit} persist the new key, replaces the verifier and removes the journal. A crash at any point
     * leaves every file readable with one of the two keys, and the next {@link #open} with either finishes.
     *
     * @param next the new master key
     * @param commit persists the new key (for example writes the key file) before the rotation completes
     * @param observer told after each step (tests simulate a crash by throwing from it)
     * @throws IOException when a step fails; the vault is then rolled back to the current key
     */
    public void rotate(MasterKey next, KeyCommit commit, RotationObserver observer) throws IOException {
        lock.writeLock().lock();
        try {
            Sealer current = sealer;
            if (next.sameAs(current.master())) {
                throw new IllegalArgumentException("the new master key is the current one");
            }
            VaultFiles.writeAtomically(root.resolve(JOURNAL), RotationJournal.create(current.master(), next).encode());
            observer.reached(RotationObserver.Step.JOURNAL_WRITTEN, "");
            sealer = new Sealer(next);
            try {
                KeyRotation.finish(this, current, commit, observer);
            } catch (IOException | RuntimeException e) {
                LOG.error("Master key rotation failed; rolling back to master key {}", current.master().id(), e);
                sealer = current;
                KeyRotation.finish(this, new Sealer(next), null, RotationObserver.NONE);
                throw e;
            }
            LOG.info("Rotated the master key from {} to {}", current.master().id(), next.id());
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void removeTemporaries() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith(VaultFiles.TEMPORARY)).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    Path resolve(String name) {
        return root.resolve(VaultFiles.checkName(name));
    }

    Path root() {
        return root;
    }

    Sealer sealer() {
        return sealer;
    }

    /** Persists a new master key where Berth reads it from, as one step of a rotation. */
    @FunctionalInterface
    public interface KeyCommit {

        /**
         * Persists the key.
         *
         * @param key the new master key
         * @throws IOException when it cannot be written; the rotation is then rolled back
         */
        void persist(MasterKey key) throws IOException;
    }
}
