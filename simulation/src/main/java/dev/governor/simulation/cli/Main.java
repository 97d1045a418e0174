package dev.governor.simulation.cli;

import dev.governor.simulation.OverloadException;
import dev.governor.simulation.trace.TraceFormatException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar governor-sim.jar run|compare|tune|bench|faults|policies ...}: a thin layer over
 * {@link dev.governor.simulation.Simulation}. Reports go to stdout, logs and progress to stderr.
 * Exit codes: 0 done, 2 bad input (flags, trace rows, policy names, a load the fleet cannot hold)
 * or no command given, 1 anything else.
 */
@Command(name = "governor-sim", mixinStandardHelpOptions = true, version = "governor-sim 0.1.0",
    subcommands = {RunCommand.class, CompareCommand.class, TuneCommand.class, BenchCommand.class, FaultsCommand.class,
        OptimumCommand.class,
        PoliciesCommand.class,
        CommandLine.HelpCommand.class},
    description = {"Replay recorded load through autoscaling policies: cost, latency and elasticity.",
        "Example: governor-sim compare --trace nasa_http_jul1995_1min.csv --scale 2 --report out/"})
public final class Main implements java.util.concurrent.Callable<Integer> {
  /** Wide enough that no file name or flag in the help is broken across lines. */
  static final int HELP_WIDTH = 100;

  @picocli.CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** No command: the help, and exit code 2 (nothing was done). */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    spec.commandLine().getErr().flush();
    return 2;
  }

  /**
   * The configured command line (tests call {@code execute} on it with their own writers): help
   * 100 columns wide; a mistyped flag prints one {@code error:} line pointing at {@code --help},
   * exit code 2; an {@link IllegalArgumentException} (a {@link TraceFormatException} included),
   * {@link UncheckedIOException} or {@link OverloadException} from a command prints
   * {@code error: <message>} on stderr, exit code 2; any other exception is rethrown to picocli,
   * which prints it, exit code 1.
   *
   * @return a new command line over a new {@code Main}
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setUsageHelpWidth(HELP_WIDTH);
    // A mistyped flag: one line and where to look, not the whole usage
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      String name = c.getCommandSpec().qualifiedName();
      c.getErr().println("error: " + ex.getMessage().replace('\n', ' ').strip() + " (see '" + name + " --help')");
      c.getErr().flush();
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex instanceof IllegalArgumentException || ex instanceof UncheckedIOException
          || ex instanceof TraceFormatException || ex instanceof OverloadException) {
        cmd.getErr().println("error: " + ex.getMessage());
        cmd.getErr().flush();
        return 2;
      }
      throw ex;
    });
    return cl;
  }

  /**
   * Runs the command line and exits the JVM with its exit code. Unless set already, slf4j's simple
   * logger logs at {@code warn}; it always logs to stderr.
   *
   * @param args the command and its flags, e.g. {@code compare --trace nasa_http_jul1995_1min.csv}
   */
  public static void main(String[] args) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.exit(commandLine().execute(args));
  }
}
