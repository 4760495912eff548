package dev.berth.itests.karaf;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

import dev.berth.certs.api.CaInfo;
import dev.berth.certs.api.CertificateAuthority;
import dev.berth.certs.api.CertificateSet;
import dev.berth.certs.api.CertificateSetSpec;
import dev.berth.certs.api.CertificateSets;
import dev.berth.itests.support.Deadline;
import dev.berth.store.api.Store;

/**
 * The certificate manager comes first: it starts and issues with no database bundle at all, writes its records
 * to the database once the store appears, and keeps its CA and sets across {@code bundle:update}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CertsBundleIT extends BerthKarafTestSupport {

    @Inject
    private FeaturesService features;

    @Configuration
    public Option[] config() {
        // the API bundle from the start: this test class's own signatures need its packages
        return berth(CLEAN_BOOT + ",berth-api");
    }

    @Test
    public void issuesWithoutTheDatabaseAttachesWhenItAppearsAndSurvivesAnUpdate() throws Exception {
        features.installFeature("berth-certs", EnumSet.noneOf(FeaturesService.Option.class));
        assertFalse("no store bundle", bundle("berth-store") != null);
        CertificateAuthority ca = await(CertificateAuthority.class, null);
        CaInfo before = ca.info();
        assertFalse("no database yet", before.storeAttached());

        CertificateSets sets = await(CertificateSets.class, null);
        CertificateSet web = sets.create(CertificateSetSpec.server("exam-web", List.of("web.exam.test"), List.of()));
        assertTrue(sets.material("exam-web").certificate().getSubjectX500Principal().getName().contains("web"));
        sets.material("exam-web").certificate().verify(before.issuing().getPublicKey());

        // the store arrives (its PostgreSQL on TLS with certificates from this CA): the records follow
        features.installFeature("berth-store", EnumSet.noneOf(FeaturesService.Option.class));
        Store store = await(Store.class, null);
        Deadline.await("the CA attached to the database", Duration.ofSeconds(60),
                () -> await(CertificateAuthority.class, null).info().storeAttached(), attached -> attached);
        assertEquals("the record of the set issued before the database existed", 1,
                (int) Deadline.await("the record written", Duration.ofSeconds(60),
                        () -> count(await(Store.class, null), web.serialHex()), n -> n == 1));
        assertTrue(store.status().url(), store.status().url().contains("sslmode=verify-full"));

        // bundle:update of the certificate manager keeps the CA and the sets
        Bundle certs = bundle("berth-certs");
        long oldService = bundleContext.getServiceReference(CertificateAuthority.class).getProperty("service.id")
                instanceof Long id ? id : -1;
        certs.update();
        CertificateAuthority updated = await(CertificateAuthority.class, oldService);
        CaInfo after = updated.info();
        assertArrayEquals("the same root", before.root().getEncoded(), after.root().getEncoded());
        assertArrayEquals("the same issuing CA", before.issuing().getEncoded(), after.issuing().getEncoded());
        CertificateSet again = await(CertificateSets.class, null).find("exam-web").orElseThrow();
        assertEquals(web.serial(), again.serial());
        assertNotEquals(oldService, bundleContext.getServiceReference(CertificateAuthority.class)
                .getProperty("service.id"));
        // and the database comes back with it (the store depends on the certificate manager for its TLS)
        Deadline.await("the store back after the update", Duration.ofSeconds(90),
                () -> count(await(Store.class, null), web.serialHex()), n -> n == 1);
        Deadline.await("the CA attached again", Duration.ofSeconds(60),
                () -> await(CertificateAuthority.class, null).info().storeAttached(), attached -> attached);
    }

    private static int count(Store store, String serial) {
        return store.transaction(c -> {
            try (var s = c.prepareStatement("SELECT count(*) FROM certs_certificate WHERE serial = ?")) {
                s.setString(1, serial);
                try (var r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    /** Waits for a service, other than the registration with the given id when one is given. */
    private <T> T await(Class<T> type, Long notId) throws Exception {
        return Deadline.await(type.getSimpleName() + " registered", Duration.ofSeconds(90), () -> {
            ServiceReference<T> ref = bundleContext.getServiceReference(type);
            if (ref == null || (notId != null && notId.equals(ref.getProperty("service.id")))) {
                return null;
            }
            return bundleContext.getService(ref);
        }, s -> s != null);
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : bundleContext.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }
}
