package dev.berth.dns.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.berth.dns.api.DnsRecord;
import dev.berth.dns.api.DnsRegistry;

/** Adds a static record. */
@Service
@Command(scope = "dns", name = "add", description = "Adds a static record to a zone Berth serves, for example "
        + "dns:add www CNAME web, dns:add _http._tcp.web SRV 10 10 8080 web1, or dns:add api A 198.18.0.10.")
public class AddCommand implements Action {

    @Reference
    private DnsRegistry registry;

    @Argument(index = 0, name = "name", description = "The owner name: relative to the internal zone, '@' for the "
            + "zone itself, or absolute with a trailing dot.", required = true)
    private String name;

    @Argument(index = 1, name = "type", description = "The record type: A, AAAA, CNAME, TXT, SRV, PTR, MX, CAA, ...",
            required = true)
    @Completion(TypeCompleter.class)
    private String type;

    @Argument(index = 2, name = "data", description = "The record data as in a zone file; relative names in it are "
            + "relative to the internal zone.", required = true, multiValued = true)
    private List<String> data;

    @Option(name = "--ttl", description = "The TTL in seconds. Default: 300.")
    private long ttl = 300;

    @Override
    public Object execute() {
        DnsRecord record = DnsRecord.of(name, type, ttl, String.join(" ", data));
        registry.addStaticRecord(record);
        System.out.println("Added " + record);
        return null;
    }
}
