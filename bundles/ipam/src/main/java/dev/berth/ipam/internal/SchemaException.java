package dev.berth.ipam.internal;

/** An IPAM schema Berth refuses; the message names the file, the line and the field. */
final class SchemaException extends Exception {

    private static final long serialVersionUID = 1L;

    SchemaException(String source, int line, String message) {
        super(source + " line " + line + ": " + message);
    }
}
