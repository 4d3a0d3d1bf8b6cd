package lab.deadrelu;

import lab.deadrelu.cli.BenchCommand;
import lab.deadrelu.cli.BenchExperimentsCommand;
import lab.deadrelu.cli.BenchFramesCommand;
import lab.deadrelu.cli.BenchScrubCommand;
import lab.deadrelu.cli.ChaosCommand;
import lab.deadrelu.cli.LoadTestCommand;
import lab.deadrelu.cli.RunCommand;
import lab.deadrelu.cli.ServeCommand;
import lab.deadrelu.engine.InvalidParameter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one entry point: no arguments (or `serve`) serves the lab; `run`, `bench`, `bench-experiments`, `bench-scrub`, `bench-frames`, `loadtest` and `chaos` are for the command line. */
@Command(name = "dead-relu-lab", mixinStandardHelpOptions = true,
        subcommands = {ServeCommand.class, RunCommand.class, BenchCommand.class, BenchExperimentsCommand.class, BenchScrubCommand.class, BenchFramesCommand.class,
                LoadTestCommand.class, ChaosCommand.class},
        description = "Dead ReLU Lab: watch ReLU neurons die, and see why.")
public final class Main implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: a bad argument is one line on stderr and exit status 2. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(oneLine("error: " + e.getMessage()));
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InvalidParameter bad) {
                String option = bad.parameter.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();   // redoEvery: --redo-every
                commandLine.getErr().println(oneLine("error: --" + option + ": " + bad.getMessage()));
                return 2;
            }
            throw e;
        });
        return cli;
    }

    /** An error is one line, whatever the offending value holds. */
    static String oneLine(String message) {
        return message.replaceAll("\\p{Cntrl}+", " ");
    }

    /** Without a subcommand: serve, as `java -jar target/dead-relu-lab.jar` and the Procfile expect (with serve's exit status). */
    @Override
    public Integer call() {
        return command.commandLine().getSubcommands().get("serve").execute();
    }
}
