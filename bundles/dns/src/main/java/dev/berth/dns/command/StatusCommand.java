package dev.berth.dns.command;

import java.net.InetSocketAddress;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.dns.api.DnsServer;
import dev.berth.ipam.api.IpPrefix;

/** Shows where the DNS server listens, where it forwards, and what it answered. */
@Service
@Command(scope = "dns", name = "status", description = "Shows the DNS server's listeners, upstream resolvers and "
        + "counters.")
public class StatusCommand implements Action {

    @Reference
    private DnsServer server;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("What");
        table.column("Value");
        for (InetSocketAddress a : server.listening()) {
            table.addRow().addContent("listening (UDP, TCP)", format(a));
        }
        for (String failure : server.listenFailures()) {
            table.addRow().addContent("cannot listen yet", failure);
        }
        for (InetSocketAddress u : server.upstreams()) {
            table.addRow().addContent("upstream resolver", format(u));
        }
        if (server.upstreams().isEmpty()) {
            table.addRow().addContent("upstream resolver", "none: other names are answered SERVFAIL");
        }
        for (Map.Entry<String, Long> e : server.statistics().entrySet()) {
            table.addRow().addContent(e.getKey(), e.getValue());
        }
        table.print(System.out);
        return null;
    }

    static String format(InetSocketAddress a) {
        String host = IpPrefix.format(a.getAddress());
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
