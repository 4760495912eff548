package dev.berth.certs.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.crypto.AEADBadTagException;

/**
 * The second half of a master key rotation, shared by a running rotation and by the recovery of an interrupted
 * one at start: re-seal every file under the vault's current key, opening those still under the other key,
 * then commit the key, replace the verifier, record the other key as retired and remove the journal.
 */
final class KeyRotation {

    private KeyRotation() {
    }

    static void finish(Vault vault, Sealer other, Vault.KeyCommit commit, RotationObserver observer) throws IOException {
        Sealer sealer = vault.sealer();
        Path root = vault.root();
        for (String name : vault.names("")) {
            Path file = vault.resolve(name);
            byte[] blob = Files.readAllBytes(file);
            if (sealer.sealedByMe(blob)) {
                continue;
            }
            if (!other.sealedByMe(blob)) {
                throw new IOException("the encrypted file " + file + " is sealed under master key "
                        + RotationJournal.hex(Sealer.keyId(blob)) + ", neither of the rotation's keys");
            }
            try {
                VaultFiles.writeAtomically(file, sealer.seal(name, other.open(name, blob)));
            } catch (AEADBadTagException e) {
                throw new IOException("the encrypted file " + file + " does not open: damaged or tampered with", e);
            }
            observer.reached(RotationObserver.Step.FILE_RESEALED, name);
        }
        if (commit != null) {
            commit.persist(sealer.master());
            observer.reached(RotationObserver.Step.KEY_COMMITTED, "");
        }
        VaultFiles.writeAtomically(root.resolve(Vault.VERIFIER), sealer.seal(Vault.VERIFIER, Vault.VERIFIER_TEXT));
        observer.reached(RotationObserver.Step.VERIFIER_WRITTEN, "");
        retire(root, other.master().id(), sealer.master().id());
        VaultFiles.deleteDurably(root.resolve(Vault.JOURNAL));
    }

    private static void retire(Path root, String id, String current) throws IOException {
        Path retired = root.resolve(Vault.RETIRED);
        List<String> lines = new ArrayList<>(Files.isRegularFile(retired)
                ? Files.readAllLines(retired, StandardCharsets.US_ASCII) : List.of());
        lines.removeIf(l -> l.startsWith(id + " ") || l.startsWith(current + " "));
        lines.add(id + " " + Instant.now());
        VaultFiles.writeAtomically(retired, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
