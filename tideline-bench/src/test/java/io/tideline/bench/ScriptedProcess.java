package io.tideline.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A process whose standard output is a fixed script and whose standard input is recorded, standing
 * in for a Spark peer in serve mode.
 */
public final class ScriptedProcess extends Process {
  /** The peer's ready event, as the serve modes print it. */
  public static final String READY =
      "{\"event\":\"ready\",\"engineVersion\":\"4.2.0\",\"sessionStartSeconds\":4.5}\n";

  private final InputStream stdout;
  private final ByteArrayOutputStream stdin = new ByteArrayOutputStream();

  public ScriptedProcess(String script) {
    stdout = new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8));
  }

  /** Everything written to the process's standard input so far. */
  public String sent() {
    return stdin.toString(StandardCharsets.UTF_8);
  }

  @Override
  public OutputStream getOutputStream() {
    return stdin;
  }

  @Override
  public InputStream getInputStream() {
    return stdout;
  }

  @Override
  public InputStream getErrorStream() {
    return InputStream.nullInputStream();
  }

  @Override
  public int waitFor() {
    return 0;
  }

  @Override
  public int exitValue() {
    return 0;
  }

  @Override
  public void destroy() {}
}
