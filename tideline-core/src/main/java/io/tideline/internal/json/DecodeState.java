package io.tideline.internal.json;

import com.fasterxml.jackson.core.JsonToken;
import io.tideline.types.DataType;
import java.util.Arrays;

/**
 * The mutable state one {@link RecordDecoder} shares with its {@link ValueReader}s while it decodes
 * a record: the input bytes, a scratch buffer, and why the record is malformed, if it is.
 */
final class DecodeState {
  final JsonOptions options;

  /** The array the current record is parsed from; raw JSON text is sliced out of it. */
  byte[] input;

  /** Where the record starts in {@link #input}: Jackson's byte offsets are relative to it. */
  int inputOffset;

  /** Where the record ends in {@link #input} (exclusive). */
  int inputEnd;

  /** ASCII/UTF-8 scratch space for the datetime parsers, which take bytes. */
  byte[] scratch = new byte[64];

  private boolean bad;
  private String failedField;
  private JsonToken failedToken;
  private DataType failedType;
  private String syntaxError;

  DecodeState(JsonOptions options) {
    this.options = options;
  }

  void reset(byte[] input, int inputOffset, int inputEnd) {
    this.input = input;
    this.inputOffset = inputOffset;
    this.inputEnd = inputEnd;
    bad = false;
    failedField = null;
    failedToken = null;
    failedType = null;
    syntaxError = null;
  }

  boolean isBad() {
    return bad;
  }

  void failure(JsonToken token, DataType type) {
    if (!bad) {
      failedToken = token;
      failedType = type;
    }
    bad = true;
  }

  void failedField(String name) {
    if (failedField == null) {
      failedField = name;
    }
    bad = true;
  }

  void syntax(String message) {
    syntaxError = message;
    bad = true;
  }

  /** Why the record is malformed, for FAILFAST messages. */
  String cause() {
    if (syntaxError != null) {
      return "invalid JSON: " + syntaxError;
    }
    StringBuilder sb = new StringBuilder("cannot convert ");
    sb.append(failedToken == null ? "the value" : "a JSON " + describe(failedToken));
    if (failedField != null) {
      sb.append(" in field `").append(failedField).append('`');
    }
    if (failedType != null) {
      sb.append(" to ").append(failedType.sql());
    }
    return sb.toString();
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "object";
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT -> "integer";
      case VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> t.name();
    };
  }

  /** Encodes {@code cs[off, off+len)} as UTF-8 into {@link #scratch}; returns the byte length. */
  int ascii(char[] cs, int off, int len) {
    if (scratch.length < len * 3) {
      scratch = Arrays.copyOf(scratch, len * 3);
    }
    String s = null;
    int p = 0;
    for (int i = 0; i < len; i++) {
      char c = cs[off + i];
      if (c >= 0x80) {
        s = new String(cs, off, len);
        break;
      }
      scratch[p++] = (byte) c;
    }
    if (s == null) {
      return p;
    }
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (scratch.length < b.length) {
      scratch = Arrays.copyOf(scratch, b.length);
    }
    System.arraycopy(b, 0, scratch, 0, b.length);
    return b.length;
  }
}
