package dev.berth.store.api;

/**
 * Where the store is, for operators.
 *
 * @param url the JDBC URL, without credentials
 * @param serverVersion the server's reported version
 * @param embedded whether Berth runs this PostgreSQL itself
 * @param dataDirectory the embedded server's data directory, or {@code null} for an external server
 */
public record StoreStatus(String url, String serverVersion, boolean embedded, String dataDirectory) {
}
