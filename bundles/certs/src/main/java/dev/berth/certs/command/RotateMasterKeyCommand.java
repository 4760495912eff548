package dev.berth.certs.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.berth.certs.internal.MasterKeyRotation;
import dev.berth.certs.vault.MasterKey;

/**
 * Rotates Berth's master key. With a key file the new key is written into it as part of the rotation. With
 * BERTH_MASTER_KEY the new key is printed before anything changes, so that a crash can never leave data under
 * a key nobody has.
 */
@Service
@Command(scope = "cert", name = "rotate-master-key", description = "Re-encrypts every stored key and secret under a "
        + "new master key. Safe against a crash at any point: restart with either key and the rotation finishes.")
public class RotateMasterKeyCommand implements Action {

    @Reference
    private MasterKeyRotation rotation;

    @Option(name = "--new-key", description = "The new key, base64 of 32 random bytes; default a new random key.",
            censor = true)
    private String newKey;

    @Override
    public Object execute() throws Exception {
        String key = newKey == null ? MasterKey.generate().toBase64() : newKey;
        if (rotation.keyFile().isEmpty() && newKey == null) {
            System.out.println("The master key comes from BERTH_MASTER_KEY. The new key, to put there now (until you "
                    + "do, Berth restarts only with the old one, which undoes an unfinished rotation):");
            System.out.println(key);
        }
        MasterKeyRotation.Result result = rotation.rotate(key);
        System.out.println("Rotated the master key from " + result.oldKeyId() + " to " + result.newKeyId()
                + (result.keyFile().isEmpty() ? "; set BERTH_MASTER_KEY to the new key before the next restart"
                        : "; written to " + result.keyFile()));
        return null;
    }
}
