package io.tideline.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON options of the reader, writer, {@code from_json} and {@code to_json}, with Spark's names
 * and defaults ({@code JSONOptions}); keys are case-insensitive.
 */
public final class JsonOptions {
  /** Spark's parse modes for malformed records. */
  public enum Mode {
    PERMISSIVE,
    DROPMALFORMED,
    FAILFAST
  }

  public static final String DEFAULT_TIMESTAMP_READ_FORMAT = "yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]";
  public static final String DEFAULT_TIMESTAMP_WRITE_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
  public static final String DEFAULT_DATE_FORMAT = "yyyy-MM-dd";
  public static final String DEFAULT_CORRUPT_RECORD_COLUMN = "_corrupt_record";

  final Mode mode;
  final String columnNameOfCorruptRecord;

  /** The user's timestampFormat, or null: null also enables the parsing fallback. */
  final String timestampFormat;

  final String dateFormat;
  final boolean allowComments;
  final boolean allowUnquotedFieldNames;
  final boolean allowSingleQuotes;
  final boolean allowNumericLeadingZeros;
  final boolean allowBackslashEscapingAnyCharacter;
  final boolean allowNonNumericNumbers;
  final boolean allowUnquotedControlChars;
  final boolean dropFieldIfAllNull;
  final boolean primitivesAsString;
  final boolean prefersDecimal;
  final double samplingRatio;
  final boolean ignoreNullFields;

  /** The line separator the user set, or null for Spark's default ({@code \n}, {@code \r\n}). */
  final byte[] lineSeparator;

  /** Whether each file is one JSON document (an object or an array of objects), not lines. */
  final boolean multiLine;

  final ZoneId zone;

  private final Map<String, String> raw;

  /**
   * Parses {@code options}.
   *
   * @throws io.tideline.AnalysisException naming the option when a value is invalid or unsupported
   */
  public JsonOptions(Map<String, String> options, ZoneId zone) {
    this.raw = new HashMap<>();
    if (options != null) {
      options.forEach((k, v) -> raw.put(k.toLowerCase(Locale.ROOT), v));
    }
    // "UTC" and "Z" as region ids normalize to offsets, which the ISO fast paths handle.
    this.zone = zone == null ? java.time.ZoneOffset.UTC : zone.normalized();
    this.mode = parseMode(get("mode"));
    this.columnNameOfCorruptRecord =
        raw.getOrDefault("columnnameofcorruptrecord", DEFAULT_CORRUPT_RECORD_COLUMN);
    this.timestampFormat = get("timestampformat");
    this.dateFormat = get("dateformat");
    this.allowComments = bool("allowComments", false);
    this.allowUnquotedFieldNames = bool("allowUnquotedFieldNames", false);
    this.allowSingleQuotes = bool("allowSingleQuotes", true);
    this.allowNumericLeadingZeros = bool("allowNumericLeadingZeros", false);
    this.allowBackslashEscapingAnyCharacter = bool("allowBackslashEscapingAnyCharacter", false);
    this.allowNonNumericNumbers = bool("allowNonNumericNumbers", true);
    this.allowUnquotedControlChars = bool("allowUnquotedControlChars", false);
    this.dropFieldIfAllNull = bool("dropFieldIfAllNull", false);
    this.primitivesAsString = bool("primitivesAsString", false);
    this.prefersDecimal = bool("prefersDecimal", false);
    this.ignoreNullFields = bool("ignoreNullFields", true);
    this.samplingRatio = samplingRatio(get("samplingratio"));
    this.lineSeparator = lineSeparator(get("linesep"));
    checkCompression(get("compression"));
    checkEncoding(get("encoding"), "encoding");
    checkEncoding(get("charset"), "charset");
    this.multiLine = bool("multiLine", false);
  }

  public Mode mode() {
    return mode;
  }

  public String columnNameOfCorruptRecord() {
    return columnNameOfCorruptRecord;
  }

  /** The value of option {@code key} (case-insensitive), or null. */
  public String get(String key) {
    return raw.get(key.toLowerCase(Locale.ROOT));
  }

  /** Jackson's factory with Spark's read features for these options. */
  JsonFactory buildFactory() {
    return new JsonFactoryBuilder()
        .configure(JsonReadFeature.ALLOW_JAVA_COMMENTS, allowComments)
        .configure(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, allowUnquotedFieldNames)
        .configure(JsonReadFeature.ALLOW_SINGLE_QUOTES, allowSingleQuotes)
        .configure(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS, allowNumericLeadingZeros)
        .configure(
            JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER,
            allowBackslashEscapingAnyCharacter)
        .configure(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, allowNonNumericNumbers)
        .configure(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, allowUnquotedControlChars)
        // Same values as Double.parseDouble, several times faster: doubles are the hot numbers.
        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
        .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
        // Spark lifts Jackson's string and number length limits; so do we.
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxStringLength(Integer.MAX_VALUE)
                .maxNumberLength(Integer.MAX_VALUE)
                .build())
        .build();
  }

  private boolean bool(String key, boolean defaultValue) {
    String v = get(key);
    if (v == null) {
      return defaultValue;
    }
    String t = v.trim().toLowerCase(Locale.ROOT);
    if (t.equals("true")) {
      return true;
    }
    if (t.equals("false")) {
      return false;
    }
    throw JsonErrors.invalidOption(key, v, "expected true or false");
  }

  private static Mode parseMode(String v) {
    if (v == null) {
      return Mode.PERMISSIVE;
    }
    try {
      return Mode.valueOf(v.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw JsonErrors.invalidOption(
          "mode", v, "expected PERMISSIVE, DROPMALFORMED or FAILFAST (case-insensitive)");
    }
  }

  private static double samplingRatio(String v) {
    if (v == null) {
      return 1.0;
    }
    try {
      double d = Double.parseDouble(v.trim());
      if (d > 0 && d <= 1.0) {
        return d;
      }
    } catch (NumberFormatException e) {
      // Falls through to the error below, which names the option.
    }
    throw JsonErrors.invalidOption("samplingRatio", v, "expected a number in (0, 1]");
  }

  private static byte[] lineSeparator(String v) {
    if (v == null) {
      return null;
    }
    if (v.isEmpty()) {
      throw JsonErrors.invalidOption("lineSep", v, "the line separator must not be empty");
    }
    return v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void checkCompression(String v) {
    if (v == null) {
      return;
    }
    String n = v.trim().toLowerCase(Locale.ROOT);
    if (!n.equals("none") && !n.equals("uncompressed")) {
      throw JsonErrors.invalidOption(
          "compression", v, "Tideline reads and writes uncompressed JSON only; use 'none'");
    }
  }

  private static void checkEncoding(String v, String key) {
    if (v == null) {
      return;
    }
    String n = v.trim().toUpperCase(Locale.ROOT).replace("_", "-");
    if (!n.equals("UTF-8") && !n.equals("UTF8")) {
      throw JsonErrors.invalidOption(
          key, v, "Tideline reads and writes JSON as UTF-8 only; convert the files to UTF-8");
    }
  }
}
