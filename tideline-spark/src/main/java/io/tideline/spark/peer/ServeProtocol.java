package io.tideline.spark.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.function.Function;

/**
 * The line protocol of the serve workloads ({@code streaming-serve}, {@code delta-serve}, {@code
 * delta-bench-serve}): a {@code ready} event, then one JSON answer per JSON command line, whose
 * {@code event} repeats the command's name, until {@code quit} or the end of input. A command that
 * fails is answered with {@code {"event":"error","error":{...}}} and the loop goes on, so one bad
 * measurement never costs the harness its warm Spark session.
 */
final class ServeProtocol {

  /** Runs one command, filling {@code result}; throws for a bad command or a failed query. */
  @FunctionalInterface
  interface Commands {
    void run(String name, JsonNode command, ObjectNode result) throws Exception;
  }

  private final ObjectMapper json = new ObjectMapper();
  private final String workload;
  private final Commands commands;
  private final Function<Throwable, ObjectNode> describeFailure;

  /**
   * @param describeFailure the {@code error} object of a failure that is not the peer's own ({@link
   *     PeerException}), e.g. Spark's condition and message
   */
  ServeProtocol(
      String workload, Commands commands, Function<Throwable, ObjectNode> describeFailure) {
    this.workload = workload;
    this.commands = commands;
    this.describeFailure = describeFailure;
  }

  /** A protocol whose other failures are described by their {@code toString()}. */
  ServeProtocol(String workload, Commands commands) {
    this(workload, commands, null);
  }

  /** The {@code ready} event with the fields every serve workload reports. */
  ObjectNode ready(PeerSession session) {
    ObjectNode ready = json.createObjectNode();
    ready.put("workload", workload);
    ready.put("event", "ready");
    ready.put("engine", "spark");
    ready.put("engineVersion", session.spark().version());
    ready.put("sessionStartSeconds", session.startSeconds());
    return ready;
  }

  /** Prints {@code ready}, then answers every command line until {@code quit}. */
  void serve(ObjectNode ready, BufferedReader in, PrintStream out) throws IOException {
    emit(out, ready);
    String line;
    while ((line = in.readLine()) != null && !line.trim().equals("quit")) {
      if (!line.isBlank()) {
        emit(out, answer(line));
      }
    }
  }

  /** The answer to one command line; never throws for a bad command or a failed query. */
  ObjectNode answer(String line) {
    ObjectNode result = json.createObjectNode();
    result.put("workload", workload);
    try {
      JsonNode command = parse(line);
      String name = command.path("command").asText();
      commands.run(name, command, result);
      result.put("event", name);
    } catch (PeerException e) {
      ObjectNode error = failed(result);
      error.put("condition", e.condition().name());
      error.put("message", e.getMessage());
    } catch (Throwable e) {
      // Spark throws checked exceptions from Scala code too: every failure becomes an answer.
      e.printStackTrace(System.err);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (describeFailure != null) {
        result.put("event", "error");
        result.set("error", describeFailure.apply(e));
      } else {
        failed(result).put("message", e.toString());
      }
    }
    return result;
  }

  private static ObjectNode failed(ObjectNode result) {
    result.put("event", "error");
    return result.putObject("error");
  }

  private JsonNode parse(String line) {
    try {
      JsonNode node = json.readTree(line);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (IOException e) {
      // Answered below, as any line that is not a JSON object.
    }
    throw PeerErrors.usage("Expected a JSON object a line, got '" + line + "'");
  }

  private static void emit(PrintStream out, ObjectNode line) {
    out.println(line.toString());
    out.flush();
  }
}
