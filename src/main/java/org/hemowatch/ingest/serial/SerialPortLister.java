package org.hemowatch.ingest.serial;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import jssc.SerialPortList;

/**
 * Lists candidate serial ports for the {@code serial-ports} CLI: what jssc finds, plus
 * pseudo-terminals under {@code /dev/pts/} (jssc's default scan skips them; simulators and socat
 * use them) and the stable {@code /dev/serial/by-id} links with their targets.
 */
public final class SerialPortLister {

    /** One candidate port. {@code target} is the resolved device for a by-id link, else null. */
    public record PortInfo(String path, Source source, String target) {
    }

    public enum Source { SYSTEM, PTY, BY_ID }

    private final Supplier<String[]> systemPorts;
    private final Supplier<String[]> ptys;
    private final Path byIdDir;

    public SerialPortLister() {
        this(SerialPortList::getPortNames,
                () -> SerialPortList.getPortNames("/dev/pts/", Pattern.compile("[0-9]+")),
                Path.of("/dev/serial/by-id"));
    }

    public SerialPortLister(Supplier<String[]> systemPorts, Supplier<String[]> ptys, Path byIdDir) {
        this.systemPorts = systemPorts;
        this.ptys = ptys;
        this.byIdDir = byIdDir;
    }

    /** System ports, then ptys, then by-id links; duplicates removed, each group sorted. */
    public List<PortInfo> list() {
        List<PortInfo> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String p : sorted(systemPorts.get())) {
            if (seen.add(p)) {
                out.add(new PortInfo(p, Source.SYSTEM, null));
            }
        }
        for (String p : sorted(ptys.get())) {
            if (seen.add(p)) {
                out.add(new PortInfo(p, Source.PTY, null));
            }
        }
        if (Files.isDirectory(byIdDir)) {
            List<Path> links = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(byIdDir)) {
                ds.forEach(links::add);
            } catch (IOException e) {
                // unreadable directory: list what we have
            }
            links.stream().sorted().forEach(l -> {
                String target;
                try {
                    target = l.toRealPath().toString();
                } catch (IOException e) {
                    target = null;
                }
                out.add(new PortInfo(l.toString(), Source.BY_ID, target));
            });
        }
        return out;
    }

    private static String[] sorted(String[] names) {
        String[] copy = names == null ? new String[0] : names.clone();
        Arrays.sort(copy);
        return copy;
    }
}
