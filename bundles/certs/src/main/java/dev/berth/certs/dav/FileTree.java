package dev.berth.certs.dav;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.jackrabbit.webdav.property.DavPropertySet;

import dev.berth.certs.vault.Vault;

/**
 * The administrators' collection {@code /files/}, kept in the vault under {@code files/}: every file and its
 * dead properties sealed under the master key. Collections are directories. Path segments are percent-encoded
 * into the vault's name alphabet; properties of {@code a/b} live in {@code a/~p~b} (no encoded name starts
 * with '~').
 */
final class FileTree {

    /** What a path is. */
    enum Kind {
        MISSING, FILE, COLLECTION
    }

    private static final String ROOT = "files";
    private static final String PROPERTIES = "~p~";

    private final Vault vault;
    private final int maxBytes;

    FileTree(Vault vault, int maxBytes) throws IOException {
        this.vault = vault;
        this.maxBytes = maxBytes;
        vault.createDirectory(ROOT);
    }

    int maxBytes() {
        return maxBytes;
    }

    Kind kind(List<String> path) {
        String name = name(path);
        return vault.isDirectory(name) ? Kind.COLLECTION : vault.exists(name) ? Kind.FILE : Kind.MISSING;
    }

    byte[] read(List<String> path) throws IOException {
        return vault.read(name(path)).orElseThrow(() -> new IOException("no file " + path));
    }

    long size(List<String> path) throws IOException {
        return vault.size(name(path));
    }

    long modified(List<String> path) throws IOException {
        return vault.modified(name(path)).toEpochMilli();
    }

    void write(List<String> path, byte[] content) throws IOException {
        vault.write(name(path), content);
    }

    void createCollection(List<String> path) throws IOException {
        vault.createDirectory(name(path));
    }

    List<String> members(List<String> path) throws IOException {
        List<String> names = new ArrayList<>();
        for (String encoded : vault.list(name(path))) {
            if (!encoded.startsWith("~")) {
                names.add(decode(encoded));
            }
        }
        return names;
    }

    void delete(List<String> path) throws IOException {
        vault.deleteTree(name(path));
        vault.delete(propertiesName(path));
    }

    void copy(List<String> from, List<String> to, boolean shallow) throws IOException {
        if (kind(from) == Kind.COLLECTION) {
            createCollection(to);
            if (!shallow) {
                for (String member : members(from)) {
                    copy(append(from, member), append(to, member), false);
                }
            }
        } else {
            write(to, read(from));
        }
        Optional<byte[]> properties = vault.read(propertiesName(from));
        if (properties.isPresent()) {
            vault.write(propertiesName(to), properties.get());
        } else {
            vault.delete(propertiesName(to));
        }
    }

    /** Moves by copying and deleting: each file is re-sealed under its new name, which it is bound to. */
    void move(List<String> from, List<String> to) throws IOException {
        copy(from, to, false);
        delete(from);
    }

    DavPropertySet deadProperties(List<String> path) throws IOException {
        Optional<byte[]> xml = vault.read(propertiesName(path));
        return xml.isPresent() ? DeadProperties.decode(xml.get()) : new DavPropertySet();
    }

    void setDeadProperties(List<String> path, DavPropertySet properties) throws IOException {
        if (properties.isEmpty()) {
            vault.delete(propertiesName(path));
        } else {
            vault.write(propertiesName(path), DeadProperties.encode(properties));
        }
    }

    static List<String> append(List<String> path, String member) {
        List<String> longer = new ArrayList<>(path);
        longer.add(member);
        return longer;
    }

    private static String name(List<String> path) {
        StringBuilder name = new StringBuilder(ROOT);
        for (String segment : path) {
            name.append('/').append(encode(segment));
        }
        return name.toString();
    }

    private static String propertiesName(List<String> path) {
        if (path.isEmpty()) {
            return ROOT + "/" + PROPERTIES;
        }
        return name(path.subList(0, path.size() - 1)) + "/" + PROPERTIES + encode(path.get(path.size() - 1));
    }

    static String encode(String segment) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_'
                    || b == '-' || b == '.' && i > 0;
            if (plain) {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        if (out.length() > 200) {
            throw new IllegalArgumentException("name too long: " + segment);
        }
        return out.toString();
    }

    static String decode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
