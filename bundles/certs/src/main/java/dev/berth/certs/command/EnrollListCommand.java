package dev.berth.certs.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.certs.api.EnrollmentClientInfo;
import dev.berth.certs.api.EnrollmentRegistry;

/** Lists the registered enrollment clients. */
@Service
@Command(scope = "cert", name = "enroll-list", description = "Lists the clients allowed to enroll and what they may get.")
public class EnrollListCommand implements Action {

    @Reference
    private EnrollmentRegistry registry;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        for (String column : java.util.List.of("Client", "DNS names", "IP ranges", "Max TTL", "Profile", "Created",
                "Last enrolled", "Enrollments")) {
            table.column(column);
        }
        for (EnrollmentClientInfo c : registry.clients()) {
            table.addRow().addContent(c.spec().clientId(), String.join(",", c.spec().allowedDnsNames()),
                    String.join(",", c.spec().allowedIpRanges()), Durations.format(c.spec().maxTtl()),
                    c.spec().profile(), c.created(), c.lastEnrollment() == null ? "-" : c.lastEnrollment(),
                    c.enrollments());
        }
        table.print(System.out);
        return null;
    }
}
