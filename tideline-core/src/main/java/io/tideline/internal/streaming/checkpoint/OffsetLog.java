package io.tideline.internal.streaming.checkpoint;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The offset log, {@code <checkpoint>/offsets/}: the write-ahead log of a streaming query. Entry
 * {@code N} is written before batch {@code N} reads any data, so a restart re-runs exactly the
 * recorded range.
 *
 * <p>File format of {@code offsets/<batchId>} (Spark's, version 1), lines separated by {@code \n},
 * no newline after the last line:
 *
 * <pre>
 * v1
 * {"batchWatermarkMs":0,"batchTimestampMs":1700000000000,"conf":{"tideline.shuffle.partitions":"8"}}
 * {"topic":{"0":534,"1":134}}      the end offset of source 0, as the source's JSON on one line
 * -                                source 1 has no offset
 * </pre>
 *
 * <p>Line 2 holds {@link OffsetSeqMetadata} as JSON (fields in this order; {@code conf} keys
 * sorted); an empty line 2 means no metadata. Each following line is one source, in the plan's
 * source order. Offsets must be one-line JSON.
 */
public final class OffsetLog extends MetadataLog<OffsetSeq> {

  /** The version this Tideline writes and the newest it reads. */
  public static final int VERSION = 1;

  static final String NO_OFFSET = "-";

  public OffsetLog(Path dir) {
    super(dir, new Format());
  }

  /** Opens the offset log of a checkpoint, {@code <checkpoint>/offsets}. */
  public static OffsetLog in(Path checkpoint) {
    return new OffsetLog(checkpoint.resolve("offsets"));
  }

  /** The metadata of a batch, or empty if the batch has no entry or the entry has none. */
  public Optional<OffsetSeqMetadata> metadata(long batchId) {
    return batchId < 0 ? Optional.empty() : get(batchId).flatMap(OffsetSeq::metadata);
  }

  /** The metadata line as written to the file. */
  static String metadataJson(OffsetSeqMetadata metadata) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = CheckpointJson.MAPPER.getFactory().createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("batchWatermarkMs", metadata.batchWatermarkMs());
      json.writeNumberField("batchTimestampMs", metadata.batchTimestampMs());
      json.writeObjectFieldStart("conf");
      for (Map.Entry<String, String> e : metadata.conf().entrySet()) {
        json.writeStringField(e.getKey(), e.getValue());
      }
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("Bug in Tideline: writing JSON to a string failed", e);
    }
    return out.toString();
  }

  private static final class Format implements LogFormat<OffsetSeq> {
    @Override
    public int version() {
      return VERSION;
    }

    @Override
    public void write(OffsetSeq entry, Writer out) throws IOException {
      out.write(entry.metadata().map(OffsetLog::metadataJson).orElse(""));
      for (int i = 0; i < entry.size(); i++) {
        String offset = entry.offsets().get(i);
        if (offset != null && (offset.indexOf('\n') >= 0 || offset.indexOf('\r') >= 0)) {
          throw new IllegalArgumentException(
              "Bug in Tideline: the offset of source "
                  + i
                  + " spans several lines; a source must give its offset as one-line JSON: "
                  + offset);
        }
        if (NO_OFFSET.equals(offset)) {
          throw new IllegalArgumentException(
              "Bug in Tideline: source " + i + " gave '-' as its offset, which means no offset");
        }
        out.write('\n');
        out.write(offset == null ? NO_OFFSET : offset);
      }
    }

    @Override
    public OffsetSeq read(int version, BufferedReader body, Path file) throws IOException {
      String metadataLine = body.readLine();
      if (metadataLine == null) {
        throw CheckpointErrors.malformedLogFile(file, "the metadata line (line 2) is missing");
      }
      Optional<OffsetSeqMetadata> metadata =
          metadataLine.isBlank()
              ? Optional.empty()
              : Optional.of(parseMetadata(metadataLine, file));
      List<String> offsets = new ArrayList<>();
      for (String line = body.readLine(); line != null; line = body.readLine()) {
        offsets.add(NO_OFFSET.equals(line) ? null : line);
      }
      return new OffsetSeq(offsets, metadata);
    }

    private static OffsetSeqMetadata parseMetadata(String line, Path file) {
      ObjectNode object = CheckpointJson.parseObject(line.trim(), file, "the metadata (line 2)");
      Map<String, String> conf = new TreeMap<>();
      JsonNode confNode = object.get("conf");
      if (confNode != null && !confNode.isNull()) {
        if (!confNode.isObject()) {
          throw CheckpointErrors.malformedLogFile(
              file, "field 'conf' of the metadata must be an object, but is " + confNode);
        }
        for (Map.Entry<String, JsonNode> e : confNode.properties()) {
          conf.put(e.getKey(), e.getValue().asText());
        }
      }
      return new OffsetSeqMetadata(
          CheckpointJson.longField(object, "batchWatermarkMs", 0, file),
          CheckpointJson.longField(object, "batchTimestampMs", 0, file),
          conf);
    }
  }
}
