package dev.berth.squid.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.stream.Stream;

/**
 * Squid, started by root, drops to an unprivileged user before it writes its logs and cache; the directories it
 * writes must then belong to that user. Nothing changes when Berth does not run as root.
 */
final class Ownership {

    private Ownership() {
    }

    static boolean root() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Gives a directory tree to a user and its group of the same name; a tree whose top already belongs to the user
     * is left alone (Squid's own files in it are its already).
     *
     * @param dir the directory
     * @param user the user name
     * @throws IOException when the user does not exist or a file cannot be changed
     */
    static void give(Path dir, String user) throws IOException {
        give(dir, user, false);
    }

    /**
     * Gives every file of a directory tree to a user, also when the top already belongs to it.
     *
     * @param dir the directory
     * @param user the user name
     * @throws IOException when the user does not exist or a file cannot be changed
     */
    static void giveAll(Path dir, String user) throws IOException {
        give(dir, user, true);
    }

    private static void give(Path dir, String user, boolean all) throws IOException {
        UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal owner = lookup.lookupPrincipalByName(user);
        GroupPrincipal group;
        try {
            group = lookup.lookupPrincipalByGroupName(user);
        } catch (IOException e) {
            group = null;
        }
        if (!all && owner.equals(Files.getOwner(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS))) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS);
                view.setOwner(owner);
                if (group != null) {
                    view.setGroup(group);
                }
            }
        }
    }
}
