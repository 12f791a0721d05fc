package io.tideline.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.DataTypes;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.io.IOException;

/**
 * Decodes one JSON record (a byte range of UTF-8) into one row of a struct vector: the core shared
 * by {@code from_json} ({@link JsonRowDecoder}) and the JSON Lines reader.
 *
 * <p>Spark's record semantics ({@code JacksonParser} with partial results on): a value of the wrong
 * type nulls that value only and marks the record malformed ({@link #PARTIAL}); invalid or
 * truncated JSON, or a top-level value that is not an object, writes a row whose fields are all
 * null ({@link #MALFORMED}); a blank record writes nothing ({@link #EMPTY}). When the schema has
 * the corrupt-record column (a STRING field named by {@code columnNameOfCorruptRecord}), it
 * receives the raw text of malformed records and null otherwise. What a malformed record means for
 * the query (keep, drop, fail) is the caller's decision, by its mode.
 *
 * <p>Parser sharing. Creating a Jackson parser costs about 700 bytes of garbage, more than the
 * record's own work; so within a region declared by {@link #setRegion}, records that follow each
 * other separated only by white space are read by one parser. Invariant: a shared parser is only
 * trusted for a record it read entirely within the record's bounds, as a complete object (or
 * array); in every other case (a syntax error, a value running past the record's end, a non-object,
 * trailing text) the parser is dropped and the record is decoded again by a parser bounded to it,
 * so results are exactly those of one parser per record.
 *
 * <p>Not thread-safe: one instance per thread. In steady state it allocates nothing per record.
 */
final class RecordDecoder {
  static final int OK = 0;
  static final int PARTIAL = 1;
  static final int MALFORMED = 2;
  static final int EMPTY = 3;

  private final JsonFactory factory;
  private final ValueReader.StructReader root;
  private final StructType schema;
  private final int corruptIndex;
  private final boolean arrayAsStructs;
  final DecodeState state;

  /** The byte-level decoder tried first on each record, or null when the schema needs Jackson. */
  private final FastRecordScanner fast;

  private byte[] regionBuf;
  private int regionEnd;

  /** The parser shared by consecutive records of the region, or null. */
  private JsonParser shared;

  /** Where in the region the shared parser starts: its byte offsets are relative to it. */
  private int sharedBase;

  /** The end of the last record the shared parser read. */
  private int sharedNext;

  /** Rows written by the last {@link #decode}: 1, or 0..n for a top-level array of objects. */
  int rowsWritten;

  /**
   * @param arrayAsStructs whether a top-level array of objects yields one row per element (the file
   *     reader, as Spark's); otherwise such a record is malformed ({@code from_json})
   */
  RecordDecoder(StructType schema, JsonOptions options, boolean arrayAsStructs) {
    this(schema, options, arrayAsStructs, true);
  }

  /**
   * @param fastPath whether to try {@link FastRecordScanner} before Jackson; false only in tests
   *     that compare both paths
   */
  RecordDecoder(StructType schema, JsonOptions options, boolean arrayAsStructs, boolean fastPath) {
    this.schema = schema;
    this.factory = options.buildFactory();
    this.state = new DecodeState(options);
    this.arrayAsStructs = arrayAsStructs;
    this.corruptIndex = corruptIndex(schema, options.columnNameOfCorruptRecord);
    this.root =
        new ValueReader.StructReader(
            schema, state, corruptIndex < 0 ? null : options.columnNameOfCorruptRecord);
    this.fast = fastPath ? FastRecordScanner.forSchema(schema, options, corruptIndex) : null;
  }

  /** The position of the corrupt-record column in {@code schema}, or -1; checks its type. */
  static int corruptIndex(StructType schema, String name) {
    for (int i = 0; i < schema.size(); i++) {
      StructField f = schema.field(i);
      if (f.name().equals(name)) {
        if (f.dataType() != DataTypes.StringType || !f.nullable()) {
          throw JsonErrors.invalidCorruptRecordType(name, f.dataType());
        }
        return i;
      }
    }
    return -1;
  }

  boolean hasCorruptColumn() {
    return corruptIndex >= 0;
  }

  /**
   * Declares that the records about to be decoded lie in {@code buf} before {@code end}, one after
   * another: consecutive records separated only by white space then share one Jackson parser, which
   * saves creating a parser (about 700 bytes of garbage) per record. Call again whenever the bytes
   * of {@code buf} change; {@code setRegion(null, 0)} releases the parser.
   */
  void setRegion(byte[] buf, int end) {
    discardShared();
    regionBuf = buf;
    regionEnd = end;
  }

  /**
   * Decodes {@code buf[off, off+len)} into row {@code row} of {@code out} (and the following rows
   * for a top-level array); returns {@link #OK}, {@link #PARTIAL}, {@link #MALFORMED} or {@link
   * #EMPTY}. The cause of a malformed record is in {@link DecodeState#cause()}.
   */
  int decode(byte[] buf, int off, int len, StructVector out, int row) {
    return decode(buf, off, len, out, row, true);
  }

  /**
   * As {@link #decode(byte[], int, int, StructVector, int)}; {@code tryFast} false skips the fast
   * path, for a record that {@link #decodeLine} already declined.
   */
  int decode(byte[] buf, int off, int len, StructVector out, int row, boolean tryFast) {
    int end = off + len;
    int first = off;
    while (first < end && isWhitespace(buf[first])) {
      first++;
    }
    if (first == end) {
      rowsWritten = 0;
      return EMPTY;
    }
    if (tryFast && fast != null && fast.decode(buf, first, end, out, row)) {
      rowsWritten = 1;
      return OK;
    }
    if (buf == regionBuf && end <= regionEnd) {
      int status = decodeShared(buf, off, end, first, out, row);
      if (status >= 0) {
        return status;
      }
    }
    return decodeAlone(buf, off, len, out, row);
  }

  /**
   * Decodes a record with the shared parser; -1 when the record is not a complete object or array
   * within its bounds (malformed, or running into the next record), so that the caller decodes it
   * alone and gets exactly what a parser bounded to the record gives.
   */
  private int decodeShared(byte[] buf, int off, int end, int first, StructVector out, int row) {
    try {
      if (shared == null || off < sharedNext || !isWhitespace(buf, sharedNext, first)) {
        discardShared();
        shared = factory.createParser(buf, first, regionEnd - first);
        sharedBase = first;
      }
      JsonParser p = shared;
      state.reset(buf, sharedBase, end);
      rowsWritten = 1;
      JsonToken t = p.nextToken();
      if (t == null || sharedBase + p.currentTokenLocation().getByteOffset() >= end) {
        discardShared();
        return -1;
      }
      if (t == JsonToken.START_OBJECT) {
        root.readObject(p, out, row);
      } else if (t == JsonToken.START_ARRAY && arrayAsStructs) {
        rowsWritten = readArrayOfObjects(p, out, row);
      } else {
        discardShared();
        return -1;
      }
      long pos = sharedBase + p.currentLocation().getByteOffset();
      if (pos > end) {
        discardShared();
        return -1;
      }
      if (isWhitespace(buf, (int) pos, end)) {
        sharedNext = end;
      } else {
        // Spark ignores what follows the first value of a record; a shared parser cannot.
        discardShared();
      }
    } catch (JsonProcessingException | ValueReader.ConversionFailure e) {
      discardShared();
      return -1;
    } catch (IOException e) {
      throw new IllegalStateException("Bug in Tideline: I/O error parsing a byte array", e);
    }
    return finish(buf, off, end - off, out, row);
  }

  /** Whether {@link #decodeLine} can decode anything for this schema. */
  boolean hasFastPath() {
    return fast != null;
  }

  /**
   * Decodes the {@code \n}-terminated line at {@code from} with the fast path alone, finding the
   * line's end on the way ({@link FastRecordScanner#decodeLine}); returns the position of the
   * {@code \n}, or -1 with nothing written when the line needs {@link #decode}.
   */
  int decodeLine(byte[] buf, int from, int limit, StructVector out, int row) {
    int stop = fast == null ? -1 : fast.decodeLine(buf, from, limit, out, row);
    if (stop >= 0) {
      rowsWritten = 1;
    }
    return stop;
  }

  private int decodeAlone(byte[] buf, int off, int len, StructVector out, int row) {
    state.reset(buf, off, off + len);
    rowsWritten = 1;
    JsonParser p = null;
    try {
      p = factory.createParser(buf, off, len);
      JsonToken t = p.nextToken();
      if (t == null) {
        rowsWritten = 0;
        return EMPTY;
      }
      if (t == JsonToken.START_OBJECT) {
        root.readObject(p, out, row);
      } else if (t == JsonToken.START_ARRAY && arrayAsStructs) {
        rowsWritten = readArrayOfObjects(p, out, row);
      } else {
        state.failure(t, schema);
        return malformed(buf, off, len, out, row);
      }
    } catch (JsonProcessingException e) {
      state.syntax(e.getOriginalMessage());
      return malformed(buf, off, len, out, row);
    } catch (ValueReader.ConversionFailure e) {
      return malformed(buf, off, len, out, row);
    } catch (IOException e) {
      throw new IllegalStateException("Bug in Tideline: I/O error parsing a byte array", e);
    } finally {
      close(p);
    }
    return finish(buf, off, len, out, row);
  }

  private int finish(byte[] buf, int off, int len, StructVector out, int row) {
    if (state.isBad()) {
      for (int i = 0; i < rowsWritten; i++) {
        setCorrupt(out, row + i, buf, off, len);
      }
      return PARTIAL;
    }
    if (corruptIndex >= 0) {
      for (int i = 0; i < rowsWritten; i++) {
        out.child(corruptIndex).setNull(row + i);
      }
    }
    return OK;
  }

  private void discardShared() {
    JsonParser p = shared;
    shared = null;
    close(p);
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  private static boolean isWhitespace(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isWhitespace(buf[i])) {
        return false;
      }
    }
    return true;
  }

  private int readArrayOfObjects(JsonParser p, StructVector out, int row) throws IOException {
    int n = 0;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        throw ValueReader.fail(state, t, schema);
      }
      out.ensureCapacity(row + n + 1);
      root.readObject(p, out, row + n);
      n++;
    }
    return n;
  }

  private int malformed(byte[] buf, int off, int len, StructVector out, int row) {
    rowsWritten = 1;
    ColumnVector[] children = out.children();
    for (ColumnVector c : children) {
      c.setNull(row);
    }
    out.setNotNull(row);
    setCorrupt(out, row, buf, off, len);
    return MALFORMED;
  }

  private void setCorrupt(StructVector out, int row, byte[] buf, int off, int len) {
    if (corruptIndex >= 0) {
      ((BytesVector) out.child(corruptIndex)).append(row, buf, off, len);
    }
  }

  private static void close(JsonParser p) {
    if (p != null) {
      try {
        p.close();
      } catch (IOException e) {
        throw new IllegalStateException("Bug in Tideline: closing a byte-array JSON parser", e);
      }
    }
  }
}
