package dev.berth.squid.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Supplier;

import dev.berth.certs.api.CertificateMaterial;
import dev.berth.certs.api.CertificateSetSpec;
import dev.berth.certs.api.CertificateSets;

/** The ICAP link's and the reverse proxy's certificates from Berth's certificate manager, which may come and go. */
final class ManagerCertificates implements IcapCertificates, SiteCertificates {

    private final Supplier<CertificateSets> manager;
    private final String icapAddress;

    /**
     * @param manager the certificate manager, or {@code null} while there is none
     * @param icapAddress the ICAP service's address, which its certificate names
     */
    ManagerCertificates(Supplier<CertificateSets> manager, String icapAddress) {
        this.manager = manager;
        this.icapAddress = icapAddress;
    }

    @Override
    public CertificateMaterial material(List<String> hosts) {
        CertificateSets sets = sets();
        sets.ensure(CertificateSetSpec.server(SiteCertificates.SET, hosts, List.of()));
        return sets.material(SiteCertificates.SET);
    }

    @Override
    public CertificateMaterial server() {
        CertificateSets sets = sets();
        try {
            sets.ensure(CertificateSetSpec.server(SERVER_SET, List.of(SquidConfigRenderer.ICAP_TLS_NAME),
                    List.of(InetAddress.getByName(icapAddress))));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("icap.address " + icapAddress, e);
        }
        return sets.material(SERVER_SET);
    }

    @Override
    public CertificateMaterial client() {
        CertificateSets sets = sets();
        sets.ensure(CertificateSetSpec.client(CLIENT_SET, CLIENT_IDENTITY));
        return sets.material(CLIENT_SET);
    }

    private CertificateSets sets() {
        CertificateSets sets = manager.get();
        if (sets == null) {
            throw new IllegalStateException("the certificate manager is not available");
        }
        return sets;
    }
}
