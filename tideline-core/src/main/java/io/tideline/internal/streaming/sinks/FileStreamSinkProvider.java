package io.tideline.internal.streaming.sinks;

import io.tideline.connector.Sink;
import io.tideline.connector.SinkContext;
import io.tideline.connector.SinkProvider;
import io.tideline.internal.datasource.FileFormat;
import io.tideline.internal.datasource.FileFormats;
import io.tideline.internal.streaming.SystemClock;
import io.tideline.internal.streaming.files.FileSinkCommitter;
import io.tideline.internal.streaming.files.FileStreamSinkLog;
import io.tideline.streaming.OutputMode;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Makes {@link FileStreamSink}s of one file format; one subclass per {@code format(...)} name, so
 * each is listed for {@link java.util.ServiceLoader}.
 *
 * <p>Reads the output folder from {@code start(path)} or the {@code path} option, the manifest's
 * {@code retention} option, and passes every other option to the format's writer (compression,
 * csv's sep, ...). The query's checkpoint location is required for file sinks; the query manager
 * checks it before the sink is made.
 */
public abstract class FileStreamSinkProvider implements SinkProvider {

  private final String formatName;

  protected FileStreamSinkProvider(String formatName) {
    this.formatName = formatName;
  }

  @Override
  public final String shortName() {
    return formatName;
  }

  /** Append only, as Spark's file sink. */
  @Override
  public final Set<OutputMode> supportedOutputModes() {
    return Set.of(OutputMode.Append());
  }

  @Override
  public final Sink createSink(SinkContext context) {
    String location = context.path().orElseThrow(() -> SinkErrors.pathRequired(formatName));
    Path sinkPath = Path.of(location.startsWith("file:") ? location.substring(5) : location);
    FileFormat format = FileFormats.find(formatName);
    if (format == null) {
      throw new IllegalStateException(
          "Bug in Tideline: the file sink " + formatName + " has no file format registered");
    }
    List<String> partitionColumns = partitionColumns(context.schema(), context.partitionColumns());
    Map<String, String> writerOptions = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : context.options().entrySet()) {
      String key = e.getKey().toLowerCase(Locale.ROOT);
      if (!key.equals("path") && !key.equals("checkpointlocation") && !key.equals("retention")) {
        writerOptions.put(key, e.getValue());
      }
    }
    // Fails now, not at the first batch, on a bad write option such as an unknown compression.
    format.extension(writerOptions);
    createManifestFolder(sinkPath);
    FileStreamSinkLog log =
        FileStreamSinkLog.open(
            sinkPath,
            context.session().conf(),
            new SystemClock(),
            context.option("retention").orElse(null));
    return new FileStreamSink(
        formatName,
        format,
        new FileSinkCommitter(sinkPath, log),
        partitionColumns,
        writerOptions,
        context.session().conf());
  }

  /**
   * Creates {@code <path>/_spark_metadata} when the sink is made, as Spark's sink log does: a file
   * stream reading this folder decides between the manifest and a plain listing by whether that
   * folder exists, and a listing would see the part files of a batch still being written.
   */
  private void createManifestFolder(Path sinkPath) {
    Path manifest = sinkPath.resolve(FileStreamSinkLog.METADATA_DIR);
    try {
      Files.createDirectories(manifest);
    } catch (IOException e) {
      throw SinkErrors.manifestNotCreated(formatName, manifest.toString(), e);
    }
  }

  /** The {@code partitionBy} columns as the schema spells them; refuses unknown ones. */
  private List<String> partitionColumns(StructType schema, List<String> requested) {
    List<String> resolved = new ArrayList<>(requested.size());
    for (String name : requested) {
      String found = null;
      for (StructField f : schema.fields()) {
        if (f.name().equalsIgnoreCase(name)) {
          found = f.name();
          break;
        }
      }
      if (found == null) {
        throw SinkErrors.partitionColumnNotFound(formatName, name, schema.simpleString());
      }
      resolved.add(found);
    }
    if (!resolved.isEmpty() && resolved.size() >= schema.size()) {
      throw SinkErrors.allColumnsPartitioned(formatName);
    }
    return resolved;
  }
}
