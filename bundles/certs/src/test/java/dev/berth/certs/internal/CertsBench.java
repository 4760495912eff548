package dev.berth.certs.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import dev.berth.certs.Tools;
import dev.berth.certs.api.CertificateProfile;
import dev.berth.certs.api.CertificateSetSpec;
import dev.berth.certs.api.EnrollmentClientSpec;
import dev.berth.certs.api.EnrollmentRequest;
import dev.berth.certs.api.Pem;
import dev.berth.certs.api.TlsContexts;
import dev.berth.certs.enroll.HttpEnrollmentClient;

/**
 * Benchmark (bench/certs-issuance): certificates issued per second by Berth (key generation + signing + sealed,
 * fsynced storage) against openssl doing the same (ECDSA P-256 key, CSR, signature by the same issuing CA, files
 * written), and enrollment round trips per second against bare HTTPS round trips to the same server. Rounds are
 * interleaved; each figure is the median of the rounds. Not a test: run it with the script.
 */
public final class CertsBench {

    private static final int ROUNDS = 5;
    private static final Duration ROUND = Duration.ofSeconds(3);

    private CertsBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("berth-certs-bench");
        CertificateManager manager = new CertificateManager(TestCertificateManagers.settings(dir.resolve("data"),
                TestCertificateManagers.newKey(), Path.of("/nonexistent"), false, 0));
        try {
            Path ref = Files.createDirectories(dir.resolve("openssl"));
            Files.writeString(ref.resolve("issuing.pem"), Pem.certificates(List.of(manager.info().issuing())));
            // the reference signs with its own P-256 issuing key: the same work as Berth's issuing CA
            Tools.run(ref, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                    "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=Reference CA", "-days", "30");
            byte[] psk = Base64.getDecoder().decode(manager.register(new EnrollmentClientSpec("bench",
                    List.of("**.berth.internal"), List.of(), null, CertificateProfile.CLIENT)));
            URI server = URI.create("https://127.0.0.1:" + manager.httpsPort(false) + "/");
            HttpEnrollmentClient client = new HttpEnrollmentClient();
            EnrollmentRequest enroll = EnrollmentRequest.of(server, "bench", psk, List.of("b.berth.internal"), List.of());

            int[] serial = {0};
            Measure berth = () -> manager.create(CertificateSetSpec.server("bench-" + serial[0]++,
                    List.of("bench.berth.internal"), List.of()));
            Measure openssl = () -> {
                Tools.Run r = Tools.run(ref, "sh", "-c", "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 "
                        + "-nodes -keyout k.pem -subj /CN=bench.berth.internal 2>/dev/null | openssl x509 -req "
                        + "-CA ca.pem -CAkey ca.key -set_serial " + serial[0]++ + " -days 30 -out c.pem 2>/dev/null");
                if (r.exit() != 0) {
                    throw new IllegalStateException(r.output());
                }
            };
            Measure enrollment = () -> client.enroll(enroll);
            Measure https = () -> {
                HttpClient http = HttpClient.newBuilder().sslContext(TlsContexts.anonymousClient(
                        manager.info().root())).build();
                http.send(HttpRequest.newBuilder(server.resolve("ca.pem")).build(), HttpResponse.BodyHandlers.ofString());
            };
            for (Measure warm : List.of(berth, openssl, enrollment, https)) {
                rate(warm, Duration.ofSeconds(1));
            }
            double[][] rates = new double[4][ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                rates[0][round] = rate(berth, ROUND);
                rates[1][round] = rate(openssl, ROUND);
                rates[2][round] = rate(enrollment, ROUND);
                rates[3][round] = rate(https, ROUND);
            }
            double b = median(rates[0]);
            double o = median(rates[1]);
            double e = median(rates[2]);
            double h = median(rates[3]);
            System.out.printf(Locale.ROOT, "%-52s %10s %10s %7s%n", "Measurement (ECDSA P-256, median of "
                    + ROUNDS + " rounds)", "Berth", "Reference", "Ratio");
            System.out.printf(Locale.ROOT, "%-52s %8.1f/s %8.1f/s %7.2f%n",
                    "certificates issued (Berth) / openssl req|x509", b, o, b / o);
            System.out.printf(Locale.ROOT, "%-52s %8.1f/s %8.1f/s %7.2f%n",
                    "enrollment round trips / bare HTTPS round trips", e, h, e / h);
        } finally {
            manager.close();
            Tools.run(dir.getParent(), "rm", "-rf", dir.toString());
        }
    }

    /** One operation measured. */
    @FunctionalInterface
    private interface Measure {
        void run() throws Exception;
    }

    private static double rate(Measure m, Duration length) throws Exception {
        long start = System.nanoTime();
        long end = start + length.toNanos();
        int n = 0;
        while (System.nanoTime() < end) {
            m.run();
            n++;
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(double[] values) {
        List<Double> sorted = new ArrayList<>();
        for (double v : values) {
            sorted.add(v);
        }
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
