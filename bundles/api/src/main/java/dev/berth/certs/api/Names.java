package dev.berth.certs.api;

import java.util.regex.Pattern;

/** The shape of names that become path segments and file names: set names, client identities. */
final class Names {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private Names() {
    }

    static String identifier(String what, String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches() || name.contains("..")) {
            throw new CertificateManagerException(CertificateManagerException.Reason.INVALID, what + " '" + name
                    + "' is invalid: use 1 to 63 lower-case letters, digits, '.', '_' or '-', starting with a letter "
                    + "or digit");
        }
        return name;
    }
}
