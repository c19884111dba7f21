package org.hemowatch.app.cli;

import org.hemowatch.ingest.serial.SerialPortLister;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hemowatch serial-ports}: lists the serial ports this machine has (system ports, pseudo-terminals, /dev/serial/by-id links). */
@Command(name = "serial-ports", mixinStandardHelpOptions = true, description = "List the serial ports of this machine.")
public final class SerialPortsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<SerialPortLister.PortInfo> ports = new SerialPortLister().list();
        if (ports.isEmpty()) {
            out.println("no serial ports found");
        }
        for (SerialPortLister.PortInfo p : ports) {
            out.printf("%-40s %-7s %s%n", p.path(), p.source().name().toLowerCase(), p.target() == null ? "" : "-> " + p.target());
        }
        out.flush();
        return 0;
    }
}
