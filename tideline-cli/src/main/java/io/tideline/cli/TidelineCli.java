package io.tideline.cli;

import io.tideline.internal.errors.TidelineException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The {@code tideline} command: maintenance and inspection of Delta tables.
 *
 * <pre>
 * tideline optimize (PATH | --table NAME [--warehouse DIR]) [--where PREDICATE]
 * tideline history  (PATH | --table NAME [--warehouse DIR]) [--limit N]
 * tideline describe (PATH | --table NAME [--warehouse DIR])
 * tideline show     (PATH | --table NAME [--warehouse DIR]) [--limit N] [--version V]
 * </pre>
 *
 * <p>Exit codes: 0 on success, 1 when the command fails (the error is one line on stderr, with the
 * stack trace only under {@code --verbose}), 2 for a usage error.
 */
@Command(
    name = "tideline",
    mixinStandardHelpOptions = true,
    versionProvider = TidelineCli.Version.class,
    description = "Maintenance and inspection of Delta tables.",
    subcommands = {
      OptimizeCommand.class,
      HistoryCommand.class,
      DescribeCommand.class,
      ShowCommand.class,
      CommandLine.HelpCommand.class
    })
public final class TidelineCli implements Runnable {
  /** Exit code of a command that failed. */
  static final int FAILED = 1;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print the stack trace of a failure and the libraries' logs.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command.");
  }

  /** The command line with Tideline's error handling, writing to {@code out} and {@code err}. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new TidelineCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new OneLineErrors());
    return cli;
  }

  public static void main(String[] args) {
    for (String a : args) {
      if (a.equals("--verbose")) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
      }
    }
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(commandLine(out, err).execute(args));
  }

  /**
   * Prints a failure as one line, {@code error: <message>}; Tideline's errors already say what,
   * where and how to fix it. The stack trace only with {@code --verbose}.
   */
  static final class OneLineErrors implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
      PrintWriter err = command.getErr();
      boolean verbose = false;
      for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
        verbose |= pr.hasMatchedOption("--verbose");
      }
      String message = message(e);
      int newline = message.indexOf('\n');
      if (newline >= 0 && !verbose) {
        message = message.substring(0, newline) + " (more with --verbose)";
      }
      err.println("error: " + message);
      if (verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return FAILED;
    }

    private static String message(Throwable e) {
      if (e instanceof TidelineException || e.getCause() == null) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
      }
      return message(e.getCause());
    }
  }

  /** The version picocli prints for {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = TidelineCli.class.getPackage().getImplementationVersion();
      return new String[] {"tideline " + (v == null ? "(development build)" : v)};
    }
  }
}
