package dev.berth.volumes.internal;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.certs.api.CertificateProfile;
import dev.berth.certs.api.EnrollmentClientInfo;
import dev.berth.certs.api.EnrollmentClientSpec;
import dev.berth.certs.api.EnrollmentRegistry;
import dev.berth.certs.api.SecretStore;

/**
 * Out of the box, with the certificate manager in the same Berth: the driver registers itself as an enrollment
 * client and keeps its pre-shared key in the certificate manager's secret store, encrypted under the master key,
 * never in a file. It registers again (with a new key) when its policy settings changed or the key was lost.
 */
final class LocalRegistration {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRegistration.class);

    private LocalRegistration() {
    }

    static String secretName(String clientId) {
        return "volumes/" + clientId + ".psk";
    }

    static EnrollmentClientSpec spec(VolumeSettings settings) {
        return new EnrollmentClientSpec(settings.clientId(), settings.allowedDns(), settings.allowedIp(),
                settings.maxTtl(), CertificateProfile.CLIENT);
    }

    /**
     * Returns the driver's pre-shared key, registering the driver first when needed.
     *
     * @param settings the driver's settings
     * @param registry the local certificate manager's enrollment register
     * @param secrets its secret store
     * @return the key
     */
    static synchronized byte[] psk(VolumeSettings settings, EnrollmentRegistry registry, SecretStore secrets) {
        EnrollmentClientSpec wanted = spec(settings);
        String name = secretName(settings.clientId());
        Optional<byte[]> stored = secrets.getSecret(name);
        Optional<EnrollmentClientInfo> registered = registry.clients().stream()
                .filter(c -> c.spec().clientId().equals(settings.clientId())).findFirst();
        if (stored.isPresent() && registered.isPresent() && registered.get().spec().equals(wanted)) {
            return stored.get();
        }
        if (registered.isPresent()) {
            LOG.info("Registering the volume driver {} again: {}", settings.clientId(), stored.isEmpty()
                    ? "its key is not in the secret store" : "its policy settings changed");
            registry.remove(settings.clientId());
        }
        byte[] psk = Base64.getDecoder().decode(registry.register(wanted));
        secrets.putSecret(name, psk);
        if (!MessageDigest.isEqual(psk, secrets.getSecret(name).orElse(new byte[0]))) {
            throw new IllegalStateException("the secret store did not keep the volume driver's key");
        }
        LOG.info("Registered the volume driver as enrollment client {} (DNS {}, IP {}, longest lifetime {})",
                settings.clientId(), wanted.allowedDnsNames(), wanted.allowedIpRanges(), wanted.maxTtl());
        return psk;
    }
}
