package io.tideline.internal.streaming.checkpoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * How one kind of {@link MetadataLog} entry is written to and read from its file. The log writes
 * the format version line ({@code v<version>}) itself and refuses files of a newer version before
 * the format sees them, so a format only handles the body.
 *
 * <p>Implementations must be stateless and thread-safe. {@link #write} must not close the writer.
 *
 * @param <T> the entry type
 */
public interface LogFormat<T> {

  /** The newest version this format writes and reads; files are written with this version. */
  int version();

  /** Writes the body of an entry: everything after the version line and its newline. */
  void write(T entry, Writer out) throws IOException;

  /**
   * Reads the body of an entry written with {@code version} (at most {@link #version()}).
   *
   * @param file the file being read, for error messages
   */
  T read(int version, BufferedReader body, Path file) throws IOException;
}
