package dev.berth.itests.build;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.Test;

/**
 * Every setting that reaches Config Admin from the environment ({@code ${env:BERTH_...}} in {@code config/*.cfg}) is
 * documented in {@code dotenv.example} with a value, and {@code dotenv.example} documents nothing that no
 * configuration reads (apart from the settings bin/berth and bin/setenv read themselves).
 */
public class SettingsDocumentedIT {

    private static final Path ROOT = Path.of(System.getProperty("berth.root", "..")).toAbsolutePath().normalize();
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Z0-9_]+)");
    private static final Pattern ASSIGNMENT = Pattern.compile("(?m)^([A-Z0-9_]+)=");

    private static Set<String> readByConfiguration() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("config"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".cfg")).toList()) {
                Matcher m = ENV.matcher(Files.readString(f));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static Set<String> documented() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = ASSIGNMENT.matcher(Files.readString(ROOT.resolve("dotenv.example")));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Set<String> readByScripts() throws IOException {
        Set<String> names = new TreeSet<>();
        Pattern variable = Pattern.compile("\\b(BERTH_[A-Z0-9_]+)");
        try (Stream<Path> files = Files.walk(ROOT.resolve("karaf-assembly/src"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Matcher m = variable.matcher(Files.readString(f));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    @Test
    public void everySettingAConfigurationReadsIsInDotenvExample() throws IOException {
        Set<String> missing = new TreeSet<>(readByConfiguration());
        missing.removeAll(documented());
        assertEquals("settings read in config/*.cfg but not in dotenv.example", Set.of(), missing);
    }

    @Test
    public void dotenvExampleDocumentsNothingThatIsNotRead() throws IOException {
        Set<String> unread = new TreeSet<>(documented());
        unread.removeAll(readByConfiguration());
        unread.removeAll(readByScripts());
        assertTrue("dotenv.example names settings nothing reads: " + unread, unread.isEmpty());
    }
}
