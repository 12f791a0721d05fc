package io.tideline.internal.datasource.csv;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.text.FileErrors;
import io.tideline.internal.datasource.text.SourceOptions;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * The CSV options with Spark's names and defaults ({@code CSVOptions}): {@code sep}/{@code
 * delimiter} ","; {@code quote} '"'; {@code escape} '\'; {@code comment} off; {@code header} false;
 * {@code inferSchema} false; {@code nullValue} ""; {@code emptyValue} "" on read and {@code ""} on
 * write; {@code nanValue} "NaN", {@code positiveInf} "Inf", {@code negativeInf} "-Inf"; {@code
 * ignoreLeadingWhiteSpace}/{@code ignoreTrailingWhiteSpace} false on read and true on write; {@code
 * mode} PERMISSIVE; {@code columnNameOfCorruptRecord} "_corrupt_record"; {@code enforceSchema}
 * true; {@code preferDate} true; {@code dateFormat}, {@code timestampFormat}, {@code timeZone},
 * {@code lineSep}, {@code quoteAll}, {@code escapeQuotes}, {@code multiLine}.
 */
final class CsvOptions {
  static final String DEFAULT_CORRUPT_COLUMN = "_corrupt_record";
  static final String WRITE_TIMESTAMP_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
  static final String DEFAULT_DATE_FORMAT = "yyyy-MM-dd";

  /** Spark's parse modes. */
  enum Mode {
    PERMISSIVE,
    DROPMALFORMED,
    FAILFAST
  }

  final byte delimiter;

  /** The quote byte, or -1 when quoting is off ({@code quote} set to ""). */
  final int quote;

  /** The escape byte, or -1 when off. */
  final int escape;

  /** The comment byte, or -1 when comments are off. */
  final int comment;

  final boolean header;
  final boolean inferSchema;
  final boolean preferDate;
  final boolean enforceSchema;
  final String nullValue;
  final byte[] nullValueBytes;
  final String emptyValueInRead;
  final String emptyValueInWrite;
  final String nanValue;
  final String positiveInf;
  final String negativeInf;
  final boolean ignoreLeadingWhiteSpaceInRead;
  final boolean ignoreTrailingWhiteSpaceInRead;
  final boolean ignoreLeadingWhiteSpaceInWrite;
  final boolean ignoreTrailingWhiteSpaceInWrite;
  final Mode mode;
  final String columnNameOfCorruptRecord;
  final String dateFormat;
  final String timestampFormat;
  final String timestampFormatInWrite;
  final String dateFormatInWrite;
  final ZoneId zone;

  /** The {@code lineSep} bytes, or null for the default separators. */
  final byte[] lineSeparator;

  final boolean quoteAll;
  final boolean multiLine;
  final boolean escapeQuotes;
  final SourceOptions raw;

  CsvOptions(Map<String, String> options, TidelineConf conf) {
    SourceOptions o = new SourceOptions(CsvFileFormat.NAME, options);
    this.raw = o;
    String sep = o.get("sep", o.get("delimiter", ","));
    this.delimiter = delimiterByte(sep);
    this.quote = charOption(o, "quote", '"');
    this.escape = charOption(o, "escape", '\\');
    this.comment = charOption(o, "comment", -1);
    this.header = o.getBoolean("header", false);
    this.inferSchema = o.getBoolean("inferSchema", false);
    this.preferDate = o.getBoolean("preferDate", true);
    this.enforceSchema = o.getBoolean("enforceSchema", true);
    this.nullValue = o.get("nullValue", "");
    this.nullValueBytes = nullValue.getBytes(StandardCharsets.UTF_8);
    String empty = o.get("emptyValue");
    this.emptyValueInRead = empty == null ? "" : empty;
    this.emptyValueInWrite = empty == null ? "\"\"" : empty;
    this.nanValue = o.get("nanValue", "NaN");
    this.positiveInf = o.get("positiveInf", "Inf");
    this.negativeInf = o.get("negativeInf", "-Inf");
    this.ignoreLeadingWhiteSpaceInRead = o.getBoolean("ignoreLeadingWhiteSpace", false);
    this.ignoreTrailingWhiteSpaceInRead = o.getBoolean("ignoreTrailingWhiteSpace", false);
    this.ignoreLeadingWhiteSpaceInWrite = o.getBoolean("ignoreLeadingWhiteSpace", true);
    this.ignoreTrailingWhiteSpaceInWrite = o.getBoolean("ignoreTrailingWhiteSpace", true);
    this.mode = parseMode(o.get("mode"));
    this.columnNameOfCorruptRecord =
        o.get(
            "columnNameOfCorruptRecord",
            conf.get("tideline.sql.columnNameOfCorruptRecord", DEFAULT_CORRUPT_COLUMN));
    this.dateFormat = o.get("dateFormat");
    this.timestampFormat = o.get("timestampFormat");
    this.timestampFormatInWrite = o.get("timestampFormat", WRITE_TIMESTAMP_FORMAT);
    this.dateFormatInWrite = o.get("dateFormat", DEFAULT_DATE_FORMAT);
    String tz = o.get("timeZone");
    this.zone = tz == null ? conf.sessionTimeZone() : ZoneId.of(tz);
    this.quoteAll = o.getBoolean("quoteAll", false);
    this.escapeQuotes = o.getBoolean("escapeQuotes", true);
    String lineSep = o.get("lineSep");
    if (lineSep != null) {
      if (lineSep.isEmpty() || lineSep.length() > 2) {
        throw FileErrors.invalidOption(
            CsvFileFormat.NAME, "lineSep", lineSep, "it must be one character (or \\r\\n)");
      }
      this.lineSeparator = lineSep.getBytes(StandardCharsets.UTF_8);
    } else {
      this.lineSeparator = null;
    }
    this.multiLine = o.getBoolean("multiLine", false);
    String charset = o.get("encoding", o.get("charset", "UTF-8"));
    if (!charset.equalsIgnoreCase("UTF-8") && !charset.equalsIgnoreCase("UTF8")) {
      throw FileErrors.invalidOption(
          CsvFileFormat.NAME, "encoding", charset, "Tideline reads and writes CSV as UTF-8 only");
    }
  }

  private static byte delimiterByte(String sep) {
    // Spark accepts these escaped forms (CSVExprUtils.toChar) and refuses a lone backslash.
    String s =
        switch (sep) {
          case "\\t" -> "\t";
          case "\\r" -> "\r";
          case "\\b" -> "\b";
          case "\\f" -> "\f";
          case "\\\"" -> "\"";
          case "\\'" -> "'";
          case "\\\\" -> "\\";
          case "\\u0000" -> "\u0000";
          default -> sep;
        };
    if (s.isEmpty()) {
      throw FileErrors.invalidOption(
          CsvFileFormat.NAME, "sep", sep, "the delimiter cannot be empty");
    }
    if (s.equals("\\") && sep.length() == 1) {
      throw FileErrors.invalidOption(
          CsvFileFormat.NAME,
          "sep",
          sep,
          "a single backslash starts an escape sequence; pass two backslashes for a backslash");
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length != 1) {
      throw FileErrors.invalidOption(
          CsvFileFormat.NAME,
          "sep",
          sep,
          "Tideline supports a single-byte delimiter; multi-character delimiters are not supported"
              + " yet");
    }
    return b[0];
  }

  private static int charOption(SourceOptions o, String key, int defaultValue) {
    String v = o.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v.isEmpty()) {
      // Spark maps an empty quote/escape/comment to '\u0000', which in effect switches it off.
      return -1;
    }
    byte[] b = v.getBytes(StandardCharsets.UTF_8);
    if (v.length() != 1 || b.length != 1) {
      throw FileErrors.invalidOption(
          CsvFileFormat.NAME, key, v, "it must be a single (ASCII) character");
    }
    return b[0];
  }

  private static Mode parseMode(String mode) {
    if (mode == null) {
      return Mode.PERMISSIVE;
    }
    return switch (mode.toUpperCase(Locale.ROOT)) {
      case "DROPMALFORMED" -> Mode.DROPMALFORMED;
      case "FAILFAST" -> Mode.FAILFAST;
      // Spark falls back to PERMISSIVE for an unknown mode, with a warning.
      default -> Mode.PERMISSIVE;
    };
  }
}
