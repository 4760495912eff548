package dev.berth.acme.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.berth.certs.api.SecretStore;

/** The certificate manager's secret store, in memory. */
final class MemorySecretStore implements SecretStore {

    private final Map<String, byte[]> secrets = new TreeMap<>();

    @Override
    public synchronized void putSecret(String name, byte[] secret) {
        secrets.put(name, secret.clone());
    }

    @Override
    public synchronized Optional<byte[]> getSecret(String name) {
        return Optional.ofNullable(secrets.get(name)).map(byte[]::clone);
    }

    @Override
    public synchronized boolean deleteSecret(String name) {
        return secrets.remove(name) != null;
    }

    @Override
    public synchronized List<String> secretNames(String prefix) {
        return secrets.keySet().stream().filter(n -> n.startsWith(prefix)).toList();
    }
}
