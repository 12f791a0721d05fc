/*
 * Regenerates src/test/resources/io/tideline/internal/datetime/spark-oracle.tsv, the golden file
 * SparkOracleConformanceTest checks Tideline's datetime code against, by asking Spark 4.2's own
 * catalyst classes (no SparkSession, no cluster). Spark is not on tideline-core's classpath, so
 * Maven does not compile this file; run it by hand after changing the corpus:
 *
 *   mkdir /tmp/oracle && cd /tmp/oracle  # a pom depending on spark-catalyst_2.13:4.2.0
 *   mvn -q dependency:build-classpath -Dmdep.outputFile=cp.txt
 *   javac -cp "$(cat cp.txt)" -d . <this file>
 *   java -cp "$(cat cp.txt):." SparkDatetimeOracle > <the tsv>
 *
 * Review the diff of the golden file like code.
 */
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.catalyst.util.DateTimeUtils$;
import org.apache.spark.sql.catalyst.util.TimestampFormatter;
import org.apache.spark.sql.catalyst.util.TimestampFormatter$;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Option;

public class SparkDatetimeOracle {
  static final List<String> ZONES =
      List.of("UTC", "Europe/Paris", "America/Los_Angeles", "Asia/Kolkata");

  static final List<String> CAST_SEEDS =
      List.of(
          "2015", "2015-03", "2015-3", "2015-03-18", "2015-3-8", " 2015-03-18 ", "2015-03-18T",
          "2015-03-18 ", "2015-03-18 12", "2015-03-18T12:03", "2015-03-18 12:03:17",
          "2015-03-18T12:03:17.123", "2015-03-18T12:03:17.123456789", "2015-03-18 12:03:17.",
          "2015-03-18T12:03:17Z", "2015-03-18T12:03:17z", "2015-03-18 12:03:17 UTC",
          "2015-03-18T12:03:17+01:00", "2015-03-18T12:03:17-1:0", "2015-03-18T12:03:17+0530",
          "2015-03-18T12:03:17+5", "2015-03-18T12:03:17GMT+01:00", "2015-03-18T12:03:17 UT-7",
          "2015-03-18T12:03:17 Europe/Paris", "2015-03-18T12:03:17PST", "2015-03-18T12:03:17CET",
          "2015-03-18T12:03:17.5 Asia/Tokyo", "2015-03-18T12:03:17+25:00", "2015-03-18T12:03Z",
          "2015-03-18Z", "2015-03-18 UTC", "00238", "02015-03-18", "0002015-03-18", "+2015-03-18",
          "-0044-03-15 12:00:00", "12345-01-01", "+294247-01-10T04:00:54.775807Z",
          "-290308-12-21T19:59:05.224192Z", "2015-02-29", "2016-02-29 23:59:59.999999",
          "2015-04-31", "2015-13-01", "2015-03-18 24:00:00", "2015-03-18 23:60:00",
          "2015-03-18 23:59:60", "2015/03/18", "20150318", "1999 08 01", "1999-08 01", "2015T",
          " T12:00:00", "+12:00:00", "2024-03-31 02:30:00", "2024-10-27 02:30:00",
          "2024-03-10 02:30:00", "2024-11-03 01:30:00", "1900-01-01 00:00:00", "\t2015-03-18\n",
          "2015-03-18 12:00:00\u00e9", "", " ", "-", "x");

  static final List<String> FORMAT_PATTERNS =
      List.of(
          "G", "GGGG", "y", "yy", "yyy", "yyyy", "yyyyy", "yyyyyy", "M", "MM", "MMM", "MMMM", "L",
          "LLL", "LLLL", "d", "dd", "D", "DD", "DDD", "Q", "QQ", "QQQ", "QQQQ", "q", "E", "EEEE", "F",
          "a", "h", "hh", "K", "k", "H", "HH", "m", "mm", "s", "ss", "S", "SSS", "SSSSSS",
          "SSSSSSSSS", "VV", "z", "zzzz", "O", "OOOO", "X", "XX", "XXX", "XXXX", "XXXXX", "x", "xx",
          "xxx", "Z", "ZZZZ", "ZZZZZ", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]",
          "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "yyyy-MM-dd", "dd/MM/yyyy HH:mm", "EEE, d MMM yyyy",
          "'o''clock' h a", "''", "yyyy[-MM[-dd]]", "yyyy G", "A", "e", "c", "YYYY", "ww", "W", "u",
          "n", "N", "B", "p", "b", "MMMMM", "yyyyyyy", "ddd", "QQQQQ", "aa", "yyyy-MM-dd]", "#",
          "{", "T");

  static final List<String> PARSE_PATTERNS =
      List.of(
          "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]", "yyyy-MM-dd",
          "yyyy-MM-dd HH:mm:ss.SSS", "dd/MM/yyyy HH:mm", "HH:mm", "yyyy-MM", "MM-dd",
          "yyyy DDD", "hh:mm a", "hh:mm", "a", "yyyy-MM-dd[ HH:mm]", "dd MMM yyyy",
          "yyyy-MM-dd HH:mm VV", "yyyy-MM-dd HH:mm z", "yyyy-MM-dd HH:mm Z", "yyyy-MM-dd HH:mm O",
          "yy-MM-dd", "yyyyMMddHHmmss", "HHmmssSSS", "EEE yyyy", "QQQ yyyy", "yyyy-MM-dd DDD",
          "dd/MMM/yyyy:HH:mm:ss XXX", "yyyy-MM-dd'T'HH:mm:ss", "[yyyy-]MM-dd", "MMM dd yyyy");

  public static void main(String[] args) {
    Random random = new Random(20261125L);
    Set<String> castInputs = new LinkedHashSet<>(CAST_SEEDS);
    String alphabet = "0123456789-:T .Z+z/";
    for (int i = 0; i < 400; i++) {
      StringBuilder s = new StringBuilder(CAST_SEEDS.get(random.nextInt(CAST_SEEDS.size())));
      int op = random.nextInt(3);
      if (op == 0 && s.length() > 0) {
        s.setCharAt(random.nextInt(s.length()), alphabet.charAt(random.nextInt(alphabet.length())));
      } else if (op == 1 && s.length() > 0) {
        s.deleteCharAt(random.nextInt(s.length()));
      } else {
        s.insert(random.nextInt(s.length() + 1), alphabet.charAt(random.nextInt(alphabet.length())));
      }
      castInputs.add(s.toString());
    }
    String[] suffixes = {"", "", "Z", "+01:00", "-0830", " UTC", "GMT+3", " America/New_York", "PST"};
    for (int i = 0; i < 300; i++) {
      int year = random.nextInt(4000) + 1;
      String text =
          String.format("%04d-%d-%02d%s%d:%02d:%d", year, random.nextInt(12) + 1,
              random.nextInt(31) + 1, random.nextBoolean() ? "T" : " ", random.nextInt(24),
              random.nextInt(60), random.nextInt(60));
      int fraction = random.nextInt(10);
      if (fraction > 0) {
        text += "." + Long.toString(1_000_000_000L + random.nextInt(999_999_999)).substring(1, 1 + fraction);
      }
      castInputs.add(text + suffixes[random.nextInt(suffixes.length)]);
    }
    for (String zone : ZONES) {
      ZoneId z = ZoneId.of(zone);
      for (String input : castInputs) {
        if (isTimeOnly(input)) {
          continue;
        }
        Option<Object> ts = DateTimeUtils$.MODULE$.stringToTimestamp(UTF8String.fromString(input), z);
        row("cast_ts", zone, input, ts.isDefined() ? ts.get().toString() : "null");
      }
    }
    for (String input : castInputs) {
      Option<Object> d = DateTimeUtils$.MODULE$.stringToDate(UTF8String.fromString(input));
      row("cast_date", "-", input, d.isDefined() ? d.get().toString() : "null");
    }
    List<Long> instants = new ArrayList<>();
    instants.add(0L);
    instants.add(-1L);
    instants.add(1_720_105_567_123_456L);
    instants.add(-2_208_988_800_000_000L);
    for (int i = 0; i < 30; i++) {
      instants.add((long) ((random.nextDouble() - 0.3) * 300_000_000_000_000_000.0 / 10));
    }
    for (int i = 0; i < 60; i++) {
      instants.add(random.nextLong());
    }
    for (String zone : ZONES) {
      ZoneId z = ZoneId.of(zone);
      for (long micros : instants) {
        row("ts_string", zone, Long.toString(micros),
            TimestampFormatter$.MODULE$.getFractionFormatter(z).format(micros));
      }
      for (String pattern : FORMAT_PATTERNS) {
        for (long micros : instants.subList(0, 8)) {
          String out;
          try {
            out = TimestampFormatter$.MODULE$.apply(pattern, z, false).format(micros);
          } catch (Exception e) {
            out = "ERROR:" + condition(e);
          }
          row("format", zone, pattern + "\t" + micros, out);
        }
      }
      for (String pattern : PARSE_PATTERNS) {
        TimestampFormatter formatter;
        TimestampFormatter printer;
        try {
          formatter = TimestampFormatter$.MODULE$.apply(pattern, z, true);
          printer = TimestampFormatter$.MODULE$.apply(pattern.replace("[", "").replace("]", ""), z, false);
        } catch (Exception e) {
          row("parse", zone, pattern + "\t2024-07-04", "ERROR:" + condition(e));
          continue;
        }
        Set<String> texts = new LinkedHashSet<>();
        for (long micros : instants.subList(0, 34)) {
          String text = printer.format(micros);
          texts.add(text);
          StringBuilder s = new StringBuilder(text);
          if (s.length() > 0) {
            s.setCharAt(random.nextInt(s.length()), alphabet.charAt(random.nextInt(alphabet.length())));
          }
          texts.add(s.toString());
        }
        for (String text : texts) {
          String out;
          try {
            out = Long.toString(formatter.parse(text));
          } catch (Exception e) {
            out = e instanceof SparkThrowable st && st.getCondition() != null
                    && st.getCondition().startsWith("INCONSISTENT")
                ? "ERROR:" + condition(e)
                : "null";
          }
          row("parse", zone, pattern + "\t" + text, out);
        }
      }
    }
  }

  static boolean isTimeOnly(String s) {
    String t = s.strip();
    return t.startsWith("T") || t.matches("^\\d{1,2}:.*");
  }

  static String condition(Exception e) {
    if (e instanceof SparkThrowable st && st.getCondition() != null) {
      return st.getCondition();
    }
    return e.getClass().getSimpleName();
  }

  static void row(String kind, String zone, String input, String result) {
    System.out.println(kind + "\t" + zone + "\t" + escape(input) + "\t" + escape(result));
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '\\') b.append("\\\\");
      else if (c == '\n') b.append("\\n");
      else if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.toString();
  }
}
