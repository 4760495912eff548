package dev.berth.volumes.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.berth.volumes.api.CertificateVolumes;
import dev.berth.volumes.api.VolumeInfo;

/** Completes the names of this host's certificate volumes. */
@Service
public class VolumeNameCompleter implements Completer {

    @Reference
    private CertificateVolumes volumes;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter strings = new StringsCompleter();
        volumes.volumes().stream().map(VolumeInfo::name).forEach(strings.getStrings()::add);
        return strings.complete(session, commandLine, candidates);
    }
}
