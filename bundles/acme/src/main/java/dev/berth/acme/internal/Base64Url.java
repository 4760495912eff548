package dev.berth.acme.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The unpadded base64url encoding JOSE and ACME use everywhere. */
final class Base64Url {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    static String encode(String utf8) {
        return encode(utf8.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] decode(String text) {
        return DECODER.decode(text);
    }
}
