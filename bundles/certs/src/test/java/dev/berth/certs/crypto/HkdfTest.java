package dev.berth.certs.crypto;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertThrows;

import java.util.HexFormat;

import javax.crypto.AEADBadTagException;

import org.junit.Test;

public class HkdfTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    public void matchesRfc5869TestCase1() {
        byte[] okm = Hkdf.derive(HEX.parseHex("0b".repeat(22)), HEX.parseHex("000102030405060708090a0b0c"),
                HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);
        assertArrayEquals(HEX.parseHex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"),
                okm);
    }

    @Test
    public void matchesRfc5869TestCase3WithoutSaltAndInfo() {
        byte[] okm = Hkdf.derive(HEX.parseHex("0b".repeat(22)), new byte[0], new byte[0], 42);
        assertArrayEquals(HEX.parseHex("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"),
                okm);
    }

    @Test
    public void chachaRoundTripsAndRejectsChangedAssociatedData() throws Exception {
        byte[] key = Aead.random(32);
        byte[] nonce = Aead.random(12);
        byte[] sealed = Aead.CHACHA20_POLY1305.seal(key, nonce, new byte[] {1}, "hello".getBytes());
        assertArrayEquals("hello".getBytes(), Aead.CHACHA20_POLY1305.open(key, nonce, new byte[] {1}, sealed));
        assertThrows(AEADBadTagException.class, () -> Aead.CHACHA20_POLY1305.open(key, nonce, new byte[] {2}, sealed));
        assertThrows(AEADBadTagException.class, () -> Aead.CHACHA20_POLY1305.open(key, nonce, new byte[] {1},
                new byte[3]));
    }
}
