package dev.berth.squid.internal;

import dev.berth.certs.api.CertificateMaterial;

/** Where the ICAP link's certificates come from: Berth's certificate manager, or a test CA. */
interface IcapCertificates {

    /** The certificate set of the ICAP service. */
    String SERVER_SET = "squid-icap";
    /** The certificate set Squid authenticates with. */
    String CLIENT_SET = "squid-icap-client";
    /** The common name of Squid's client certificate, the only client the ICAP service accepts. */
    String CLIENT_IDENTITY = "berth-squid";

    /**
     * @return the ICAP service's certificate (for {@link SquidConfigRenderer#ICAP_TLS_NAME}), key and CA
     * @throws RuntimeException when it cannot be had, saying why
     */
    CertificateMaterial server();

    /**
     * @return Squid's client certificate (common name {@link #CLIENT_IDENTITY}), key and CA
     * @throws RuntimeException when it cannot be had, saying why
     */
    CertificateMaterial client();
}
