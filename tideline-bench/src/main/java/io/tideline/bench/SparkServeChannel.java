package io.tideline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The harness's end of a Spark peer running in one of its serve modes: one command a line on the
 * peer's standard input, one JSON event a line on its standard output, lines that are not JSON
 * objects (log noise) skipped. The constructor waits for the peer's {@code ready} event; {@link
 * #close} sends {@code quit} and reaps the process. Used from one benchmark thread at a time.
 *
 * <p>Each benchmark reports failures with its own error conditions through {@link Failures}.
 */
public final class SparkServeChannel implements AutoCloseable {
  /** How one benchmark turns the peer's failures into its own errors. */
  public interface Failures {
    /**
     * The error for a peer that died, stopped reading, or broke the protocol; {@code exitCode} is
     * -1 when the process had not ended 5 seconds after the failure.
     */
    RuntimeException peerFailed(int exitCode, String reason, Path log);

    /**
     * The error for the peer answering {@code command} with an {@code error} event whose body is
     * {@code error}, or empty when this benchmark counts that as the peer failing (the process is
     * then reaped and reported through {@link #peerFailed}).
     */
    Optional<RuntimeException> commandFailed(String command, JsonNode error, Path log);
  }

  private final ObjectMapper json = new ObjectMapper();
  private final Process process;
  private final Path log;
  private final Failures failures;
  private final BufferedReader out;
  private final Writer in;
  private final String version;
  private final double sessionStartSeconds;

  /** Wraps a started peer whose standard error goes to {@code log}; waits for its ready event. */
  public SparkServeChannel(Process process, Path log, Failures failures) {
    this.process = process;
    this.log = log;
    this.failures = failures;
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    JsonNode ready = next("ready");
    this.version = ready.path("engineVersion").asText("?");
    this.sessionStartSeconds = ready.path("sessionStartSeconds").asDouble(Double.NaN);
  }

  /** The Spark version the peer reported when ready, or {@code ?}. */
  public String version() {
    return version;
  }

  /** How long the peer took to start its Spark session, or NaN when it did not say. */
  public double sessionStartSeconds() {
    return sessionStartSeconds;
  }

  /** A new JSON command named {@code name}, for the caller to add its fields to. */
  public ObjectNode command(String name) {
    ObjectNode command = json.createObjectNode();
    command.put("command", name);
    return command;
  }

  /** Sends {@code command} as one line and returns the event named like it. */
  public JsonNode call(ObjectNode command) {
    String name = command.get("command").asText();
    send(command.toString());
    return next(name);
  }

  /** Sends the plain command {@code line} and returns the event named {@code expected}. */
  public JsonNode call(String line, String expected) {
    send(line);
    return next(expected);
  }

  /**
   * An error event's body as a failure reason: its condition, its message and where the peer's log
   * is.
   */
  public static String describe(JsonNode error, Path log) {
    return error.path("condition").asText("")
        + " "
        + error.path("message").asText()
        + " (the peer's log is in "
        + log
        + ")";
  }

  @Override
  public void close() {
    try {
      in.write("quit\n");
      in.close();
    } catch (IOException e) {
      // The peer is gone already; waiting below reaps it either way.
    }
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void send(String line) {
    try {
      in.write(line);
      in.write('\n');
      in.flush();
    } catch (IOException e) {
      throw failed("it stopped reading commands (" + e.getMessage() + ")");
    }
  }

  /** Reads lines until the next JSON object, which must be the {@code expected} event. */
  private JsonNode next(String expected) {
    try {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("{")) {
          JsonNode node = json.readTree(line);
          String event = node.path("event").asText();
          if (event.equals(expected)) {
            return node;
          }
          if (event.equals("error")) {
            Optional<RuntimeException> error =
                failures.commandFailed(expected, node.path("error"), log);
            throw error.orElseGet(() -> failed(SparkPeerProcess.reason(node)));
          }
          throw failed("it answered " + line + " where " + expected + " was due");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Lost the Spark peer's output; its log is in " + log, e);
    }
    throw failed("it ended without answering");
  }

  private RuntimeException failed(String reason) {
    int exitCode = -1;
    try {
      if (process.waitFor(5, TimeUnit.SECONDS)) {
        exitCode = process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
    return failures.peerFailed(exitCode, reason, log);
  }
}
