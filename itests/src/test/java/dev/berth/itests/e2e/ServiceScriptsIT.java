package dev.berth.itests.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.Test;

import dev.berth.itests.support.BerthInstance;
import dev.berth.itests.support.Commands;
import dev.berth.itests.support.Deadline;

/** Karaf's bin/start, bin/status and bin/stop run Berth as a service; bin/berth-shell reaches its console. */
public class ServiceScriptsIT {

    @Test
    public void startStatusShellAndStop() throws Exception {
        BerthInstance berth = BerthInstance.create("service");
        Path socket = berth.data().resolve("svc.sock");
        berth.env("BERTH_PLUGIN_SOCKET", socket.toString());
        Path log = berth.data().resolve("karaf/log/karaf.log");
        try {
            berth.script("start").ok();
            Deadline.await("the ready line in " + log, Duration.ofSeconds(180),
                    () -> Files.exists(log) && Files.readString(log).contains("Berth is ready"), ready -> ready);
            Commands.Result status = berth.script("status");
            assertEquals(status.out(), 0, status.exit());
            assertTrue(status.out(), status.out().contains("Running"));
            assertTrue(Files.exists(socket));

            String schema = berth.script("berth-shell", "ipam:schema").ok();
            assertTrue(schema, schema.contains("default-v4") && schema.contains("198.18.0.0/17"));
            String store = berth.script("berth-shell", "store:status").ok();
            assertTrue(store, store.contains("yes (run by Berth)"));
            Commands.Result refused = berth.script("berth-shell", "ipam:allocations no-such-pool");
            assertNotEquals(0, refused.exit());
            assertTrue(refused.out() + refused.err(), (refused.out() + refused.err()).contains("no pool 'no-such-pool'"));
        } finally {
            berth.script("stop");
        }
        Deadline.await("bin/status to report Berth stopped", Duration.ofSeconds(90),
                () -> berth.script("status").exit(), exit -> exit != 0);
        Path pid = berth.data().resolve("postgres/cluster/postmaster.pid");
        Deadline.await("the embedded PostgreSQL to stop", Duration.ofSeconds(90), () -> Files.exists(pid), e -> !e);
        assertFalse("the socket is removed", Files.exists(socket));
    }
}
