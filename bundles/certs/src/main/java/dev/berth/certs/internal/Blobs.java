package dev.berth.certs.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;

/** The plaintext inside sealed vault files: sorted {@link Properties} text, binary values in base64. */
final class Blobs {

    private Blobs() {
    }

    static byte[] encode(Properties properties) {
        StringBuilder text = new StringBuilder();
        // sorted, without the date comment Properties.store adds, so equal content gives equal bytes
        for (var e : new TreeMap<>(properties).entrySet()) {
            StringWriter line = new StringWriter();
            Properties one = new Properties();
            one.setProperty((String) e.getKey(), (String) e.getValue());
            try {
                one.store(line, null);
            } catch (IOException impossible) {
                throw new UncheckedIOException(impossible);
            }
            line.toString().lines().filter(l -> !l.startsWith("#")).forEach(l -> text.append(l).append('\n'));
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Properties decode(byte[] bytes) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return properties;
    }

    static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("a stored record lacks '" + key + "'");
        }
        return value;
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] bytes(Properties p, String key) {
        return Base64.getDecoder().decode(required(p, key));
    }

    static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalStateException("a stored certificate does not decode", e);
        }
    }

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode " + certificate.getSubjectX500Principal(), e);
        }
    }

    static List<String> list(Properties p, String key) {
        String value = p.getProperty(key, "");
        return value.isEmpty() ? List.of() : List.of(value.split(","));
    }
}
