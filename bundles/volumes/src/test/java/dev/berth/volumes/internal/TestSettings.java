package dev.berth.volumes.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.berth.certs.api.KeyAlgorithm;

/** Settings for tests. */
final class TestSettings {

    private TestSettings() {
    }

    static VolumeSettings settings(Path runtime) {
        return settings(runtime, URI.create("https://127.0.0.1:1/"));
    }

    static VolumeSettings settings(Path runtime, URI webdav) {
        return settings(runtime, webdav, "test-host");
    }

    static VolumeSettings settings(Path runtime, URI webdav, String host) {
        return new VolumeSettings(runtime, host, "berth-volumes", new byte[0], URI.create("https://127.0.0.1:2/"),
                webdav, Duration.ofSeconds(5), Duration.ofSeconds(300), 2.0 / 3, Duration.ofHours(720),
                Duration.ofHours(2160), List.of("**.berth.internal"), List.of("198.18.0.0/15"), KeyAlgorithm.EC_P256,
                "1m", "berth.certs.reload", Duration.ofSeconds(10));
    }
}
