package io.tideline.internal.datasource.csv;

import java.util.Arrays;

/**
 * Splits one CSV record (UTF-8 bytes) into field values, the way Spark's univocity settings do: a
 * field may be quoted; inside quotes the escape character (default {@code \}) yields a literal
 * quote, and in a run of quotes every quote after the first is literal; a quote followed by
 * something other than the delimiter means the value was not quoted after all, so it keeps its
 * opening and inner quotes and is read up to the delimiter (univocity's {@code STOP_AT_DELIMITER}:
 * {@code "a""b",c} is the value {@code "a""b"}); an unclosed quote takes the rest of the record.
 *
 * <p>Values are copied, unescaped and trimmed, into one scratch buffer that is reused for every
 * line, so tokenizing allocates nothing once the buffers have grown to the widest record.
 *
 * <p>Why hand-written rather than univocity (Spark's parser): univocity hands out a {@code
 * String[]} per record, a String per field, which is the cost a columnar scan is meant to avoid;
 * the grammar for one line is small enough to own.
 */
final class CsvTokenizer {
  private final byte delimiter;
  private final int quote;
  private final int escape;
  private final boolean trimLeading;
  private final boolean trimTrailing;

  private byte[] out = new byte[1024];
  private int[] starts = new int[64];
  private int[] lengths = new int[64];
  private boolean[] quoted = new boolean[64];
  private int count;

  CsvTokenizer(CsvOptions options) {
    this(
        options.delimiter,
        options.quote,
        options.escape,
        options.ignoreLeadingWhiteSpaceInRead,
        options.ignoreTrailingWhiteSpaceInRead);
  }

  CsvTokenizer(byte delimiter, int quote, int escape, boolean trimLeading, boolean trimTrailing) {
    this.delimiter = delimiter;
    this.quote = quote;
    this.escape = escape;
    this.trimLeading = trimLeading;
    this.trimTrailing = trimTrailing;
  }

  /** Tokenizes {@code line[off, off+len)}; returns the number of fields (at least one). */
  int tokenize(byte[] line, int off, int len) {
    if (out.length < len) {
      out = new byte[Math.max(len, out.length * 2)];
    }
    count = 0;
    int end = off + len;
    int i = off;
    int o = 0;
    while (true) {
      if (count == starts.length) {
        grow();
      }
      if (trimLeading) {
        while (i < end && isBlank(line[i])) {
          i++;
        }
      }
      int fieldStart = o;
      boolean isQuoted = quote >= 0 && i < end && line[i] == (byte) quote;
      if (isQuoted) {
        i++;
        boolean unquotedTail = false;
        while (i < end) {
          byte c = line[i];
          if (escape >= 0 && c == (byte) escape && escape != quote && i + 1 < end) {
            byte n = line[i + 1];
            if (n == (byte) quote || n == (byte) escape) {
              out[o++] = n;
              i += 2;
              continue;
            }
          }
          if (c == (byte) quote) {
            if (escape == quote && i + 1 < end && line[i + 1] == (byte) quote) {
              // With the quote as its own escape (escape '"'), "" is one quote, as in RFC 4180.
              out[o++] = c;
              i += 2;
              continue;
            }
            // In a run of quotes, every quote after the first stands for itself (univocity's
            // rule, not RFC 4180's pairs): """ before the delimiter closes the value with "".
            i++;
            while (i < end && line[i] == (byte) quote) {
              out[o++] = c;
              i++;
            }
            int j = i;
            while (j < end && isBlank(line[j]) && line[j] != delimiter) {
              j++;
            }
            if (j >= end || line[j] == delimiter) {
              i = j;
            } else {
              // An unescaped quote inside the value: with STOP_AT_DELIMITER the value was not
              // quoted after all, so its quotes are kept and the rest is read up to the delimiter.
              System.arraycopy(out, fieldStart, out, fieldStart + 1, o - fieldStart);
              out[fieldStart] = c;
              o++;
              out[o++] = c;
              unquotedTail = true;
            }
            break;
          }
          out[o++] = c;
          i++;
        }
        if (unquotedTail) {
          while (i < end && line[i] != delimiter) {
            out[o++] = line[i++];
          }
        }
      } else {
        while (i < end && line[i] != delimiter) {
          out[o++] = line[i++];
        }
        if (trimTrailing) {
          while (o > fieldStart && isBlank(out[o - 1])) {
            o--;
          }
        }
      }
      starts[count] = fieldStart;
      lengths[count] = o - fieldStart;
      quoted[count] = isQuoted;
      count++;
      if (i >= end) {
        return count;
      }
      // line[i] is the delimiter. Values never outgrow the line, so out needs no check.
      i++;
    }
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t';
  }

  private void grow() {
    int n = starts.length * 2;
    starts = Arrays.copyOf(starts, n);
    lengths = Arrays.copyOf(lengths, n);
    quoted = Arrays.copyOf(quoted, n);
  }

  /** The buffer holding the values of the last tokenized line. */
  byte[] buffer() {
    return out;
  }

  int count() {
    return count;
  }

  int start(int field) {
    return starts[field];
  }

  int length(int field) {
    return lengths[field];
  }

  boolean isQuoted(int field) {
    return quoted[field];
  }

  String value(int field) {
    return new String(out, starts[field], lengths[field], java.nio.charset.StandardCharsets.UTF_8);
  }
}
