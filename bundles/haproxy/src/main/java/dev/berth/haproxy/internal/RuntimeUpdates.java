package dev.berth.haproxy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the runtime API commands that turn the running configuration into a new one without a reload: possible when
 * the two differ only in the IP addresses and ports of servers (a container that came back with a new address).
 */
final class RuntimeUpdates {

    private static final Pattern SERVER = Pattern.compile("^    server (s\\d+) (\\S+):(\\d+) check$");
    private static final Pattern IP = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|\\[[0-9A-Fa-f:.]+\\]");

    private RuntimeUpdates() {
    }

    /**
     * Compares two renderings.
     *
     * @param running the configuration in force
     * @param next the new one
     * @return the {@code set server} commands, or empty when the change needs a reload
     */
    static Optional<List<String>> between(String running, String next) {
        String[] a = running.split("\n", -1);
        String[] b = next.split("\n", -1);
        if (a.length != b.length) {
            return Optional.empty();
        }
        List<String> commands = new ArrayList<>();
        String backend = "";
        for (int i = 0; i < a.length; i++) {
            if (b[i].startsWith("backend ")) {
                backend = b[i].substring("backend ".length());
            }
            if (a[i].equals(b[i])) {
                continue;
            }
            Matcher was = SERVER.matcher(a[i]);
            Matcher is = SERVER.matcher(b[i]);
            if (backend.isEmpty() || !was.matches() || !is.matches() || !was.group(1).equals(is.group(1))
                    || !IP.matcher(was.group(2)).matches() || !IP.matcher(is.group(2)).matches()) {
                return Optional.empty();
            }
            String address = is.group(2).startsWith("[") ? is.group(2).substring(1, is.group(2).length() - 1)
                    : is.group(2);
            commands.add("set server " + backend + "/" + is.group(1) + " addr " + address + " port " + is.group(3));
        }
        return Optional.of(commands);
    }
}
