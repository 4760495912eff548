package dev.berth.certs.vault;

import java.io.IOException;

/** The master key given does not open the vault; nothing was changed. The message says what to do. */
public final class MasterKeyException extends IOException {

    private static final long serialVersionUID = 1L;

    MasterKeyException(String message) {
        super(message);
    }

    MasterKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
