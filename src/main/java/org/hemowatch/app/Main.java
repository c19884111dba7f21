package org.hemowatch.app;

import org.hemowatch.app.cli.DecodeCommand;
import org.hemowatch.app.cli.SerialPortsCommand;
import org.hemowatch.app.cli.SimulateCommand;
import org.hemowatch.app.cli.UsersCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Set;

/** Command-line entry point: {@code serve} (the default), {@code decode}, and the other subcommands. */
@Command(name = "hemowatch", mixinStandardHelpOptions = true, version = "hemowatch 0.1.0",
        description = "Blood inventory and cold-chain monitoring service.",
        subcommands = {ServeCommand.class, DecodeCommand.class, SimulateCommand.class, SerialPortsCommand.class, UsersCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    private static final Set<String> TOP_LEVEL_FLAGS = Set.of("-h", "--help", "-V", "--version");

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit status; with no subcommand, {@code serve} runs. */
    public static int run(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        boolean noSubcommand = args.length == 0 || (args[0].startsWith("-") && !TOP_LEVEL_FLAGS.contains(args[0]));
        String[] effective = noSubcommand ? prepend("serve", args) : args;
        return cli.execute(effective);
    }

    private static String[] prepend(String first, String[] rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
