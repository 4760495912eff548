package dev.berth.plugin.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;

import dev.berth.plugin.api.PluginDriver;

/**
 * The driver bundles the plugin socket waits for before it opens: every bundle marked to start (started, or still
 * to be started by the framework's rising start level) that declares a {@link PluginDriver} service (bnd writes an
 * {@code osgi.service} capability for each Declarative Services component) and has not registered one yet. Bundles
 * of one start level start one after the other, so a driver bundle may not even be starting when the plugin bundle
 * is already active; a bundle an operator stopped is not marked to start and is not awaited. A registered driver counts even if it then fails to activate (the
 * network driver of a second Berth on a host refuses to): it will not come by waiting.
 *
 * <p>dockerd asks {@code Plugin.Activate} once and keeps the answer until it restarts, so a socket that opened
 * while, say, the volume driver still waited for the certificate manager would hide that driver from dockerd for
 * good. A driver registers only once its own references are satisfied (the database, the CA), which may be well
 * after Karaf reports its boot features installed.
 */
final class AwaitedDrivers {

    private static final String SERVICE_NAMESPACE = "osgi.service";
    private static final String OBJECT_CLASS = "objectClass";

    /** What a bundle declares, as far as the wait is concerned. */
    record Declared(long id, String name, boolean toStart, boolean declaresDriver) {
    }

    private AwaitedDrivers() {
    }

    /**
     * The bundles still to register a driver.
     *
     * @param bundles every bundle of the framework
     * @param registered ids of the bundles that registered a driver
     * @return the symbolic names of the bundles marked to start that declare a driver and have not registered it,
     *         sorted
     */
    static List<String> missing(Collection<Declared> bundles, Set<Long> registered) {
        List<String> missing = new ArrayList<>();
        for (Declared b : bundles) {
            if (b.toStart() && b.declaresDriver() && !registered.contains(b.id())) {
                missing.add(b.name());
            }
        }
        missing.sort(null);
        return missing;
    }

    /**
     * Reads what the framework's bundles declare.
     *
     * @param context the plugin bundle's context
     * @return one entry per bundle
     */
    static List<Declared> declared(BundleContext context) {
        List<Declared> all = new ArrayList<>();
        int finalLevel = finalStartLevel(context);
        for (Bundle b : context.getBundles()) {
            all.add(new Declared(b.getBundleId(), String.valueOf(b.getSymbolicName()), toStart(b, finalLevel),
                    declaresDriver(b)));
        }
        return all;
    }

    private static boolean toStart(Bundle bundle, int finalLevel) {
        BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
        return level == null ? false
                : toStart(bundle.getState(), level.isPersistentlyStarted(), level.getStartLevel(), finalLevel);
    }

    /**
     * Whether a bundle is started or will be.
     *
     * @param state the bundle's state
     * @param marked whether it is persistently marked to start
     * @param level its start level
     * @param finalLevel the start level the framework rises to
     * @return started, or marked to start at a start level the framework will reach
     */
    static boolean toStart(int state, boolean marked, int level, int finalLevel) {
        if ((state & (Bundle.STARTING | Bundle.ACTIVE)) != 0) {
            return true;
        }
        return (state & (Bundle.INSTALLED | Bundle.RESOLVED)) != 0 && marked && level <= finalLevel;
    }

    /** The start level the framework rises to (Karaf sets it in config.properties). */
    private static int finalStartLevel(BundleContext context) {
        String beginning = context.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL);
        try {
            return beginning == null ? 1 : Integer.parseInt(beginning.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static boolean declaresDriver(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return false; // uninstalled meanwhile
        }
        for (BundleCapability c : revision.getDeclaredCapabilities(SERVICE_NAMESPACE)) {
            Object classes = c.getAttributes().get(OBJECT_CLASS);
            if (classes instanceof Collection<?> names && names.contains(PluginDriver.class.getName())
                    || PluginDriver.class.getName().equals(classes)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The bundles that have a driver in the service registry.
     *
     * @param context the plugin bundle's context
     * @return their ids
     */
    static Set<Long> registered(BundleContext context) {
        Set<Long> ids = new HashSet<>();
        try {
            for (ServiceReference<PluginDriver> r : context.getServiceReferences(PluginDriver.class, null)) {
                Bundle b = r.getBundle();
                if (b != null) {
                    ids.add(b.getBundleId());
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("no filter was given", e);
        }
        return ids;
    }

    /**
     * Waits until no bundle marked to start still owes its driver.
     *
     * @param context the plugin bundle's context
     * @param timeout how long to wait
     * @return the bundles still missing when the time ran out (empty: none)
     * @throws InterruptedException when interrupted
     */
    static List<String> await(BundleContext context, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> missing = missing(declared(context), registered(context));
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100); // drivers register on SCR's threads; nothing to wait on
            missing = missing(declared(context), registered(context));
        }
        return missing;
    }
}
