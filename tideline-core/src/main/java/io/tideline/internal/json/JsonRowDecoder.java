package io.tideline.internal.json;

import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.StructType;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Map;

/**
 * {@code from_json(column, schema, options)} for a struct schema: decodes a STRING column of JSON
 * records into a struct column, a batch at a time, straight into the struct's child vectors.
 *
 * <p>Spark's semantics: null input or a blank string gives a null struct; a malformed record gives
 * a struct whose fields are all null in PERMISSIVE mode (a wrong-typed field nulls only that
 * field), with the raw text in the corrupt-record field when the schema has one; FAILFAST throws
 * {@code MALFORMED_RECORD_IN_PARSING}; DROPMALFORMED is refused, as Spark refuses it for this
 * function.
 *
 * <p>Not thread-safe: compile one per task (thread).
 */
public final class JsonRowDecoder {
  private final RecordDecoder decoder;
  private final JsonOptions.Mode mode;

  /**
   * @throws io.tideline.AnalysisException for DROPMALFORMED, an invalid option, a corrupt-record
   *     field that is not a nullable STRING, or a type JSON cannot hold
   */
  public JsonRowDecoder(StructType schema, Map<String, String> options, ZoneId zone) {
    JsonOptions parsed = new JsonOptions(options, zone);
    if (parsed.mode == JsonOptions.Mode.DROPMALFORMED) {
      throw JsonErrors.parseModeUnsupported("from_json", "DROPMALFORMED");
    }
    this.mode = parsed.mode;
    this.decoder = new RecordDecoder(schema, parsed, false);
  }

  /**
   * Decodes rows {@code rows[0..count)} (physical indexes of {@code input}; null means {@code
   * 0..count-1}) into the same physical rows of {@code output}, whose capacity must exceed the
   * largest row.
   *
   * @throws io.tideline.internal.errors.ExecutionException in FAILFAST mode, for the first
   *     malformed record
   */
  public void decode(BytesVector input, int[] rows, int count, StructVector output) {
    byte[] data = input.data();
    boolean failFast = mode == JsonOptions.Mode.FAILFAST;
    decoder.setRegion(data, input.dataSize());
    try {
      decodeRows(input, rows, count, output, data, failFast);
    } finally {
      decoder.setRegion(null, 0);
    }
  }

  private void decodeRows(
      BytesVector input,
      int[] rows,
      int count,
      StructVector output,
      byte[] data,
      boolean failFast) {
    for (int k = 0; k < count; k++) {
      int r = rows == null ? k : rows[k];
      if (input.isNullAt(r)) {
        setNullStruct(output, r);
        continue;
      }
      int status = decoder.decode(data, input.start(r), input.length(r), output, r);
      if (status == RecordDecoder.EMPTY) {
        setNullStruct(output, r);
      } else if (failFast && status != RecordDecoder.OK) {
        throw JsonErrors.malformedRecord(
            new String(data, input.start(r), input.length(r), StandardCharsets.UTF_8),
            "",
            decoder.state.cause());
      }
    }
  }

  private static void setNullStruct(StructVector out, int row) {
    out.setNull(row);
    for (ColumnVector c : out.children()) {
      c.setNull(row);
    }
  }
}
