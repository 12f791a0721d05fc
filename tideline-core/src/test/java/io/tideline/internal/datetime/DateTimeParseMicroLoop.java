package io.tideline.internal.datetime;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Random;

/**
 * A hand-run throughput check of the byte-level parsers and formatters, not a test: it prints
 * millions of values per second of this thread's CPU time (wall time is meaningless on a shared
 * machine). Run after {@code mvn -pl tideline-core test-compile} with
 *
 * <pre>
 * java -cp tideline-core/target/classes:tideline-core/target/test-classes \
 *   io.tideline.internal.datetime.DateTimeParseMicroLoop
 * </pre>
 *
 * Measured on the 2-core development VM under load (2026-11), per second of CPU: JSON/CSV ISO
 * pattern about 26 M values, CAST string to timestamp in Europe/Paris about 16 M, wall-clock fields
 * of an instant about 45 M, {@code yyyy-MM-dd HH:mm:ss} formatting about 12 M, against about 4 M
 * for java.time formatting.
 */
public final class DateTimeParseMicroLoop {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private DateTimeParseMicroLoop() {}

  public static void main(String[] args) {
    int n = 1 << 16;
    ZoneId paris = ZoneId.of("Europe/Paris");
    ZoneCalendar calendar = ZoneCalendar.of(paris);
    TimestampFormatter iso = TimestampFormatter.of("yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]", paris);
    TimestampFormatter plain = TimestampFormatter.of("yyyy-MM-dd HH:mm:ss", paris);
    TimestampFormatter textual = TimestampFormatter.of("EEE, d MMM yyyy HH:mm:ss", paris);
    Random random = new Random(1);
    long[] micros = new long[n];
    ByteArrayOutputStream isoText = new ByteArrayOutputStream();
    ByteArrayOutputStream castText = new ByteArrayOutputStream();
    int[] isoOffsets = new int[n + 1];
    int[] castOffsets = new int[n + 1];
    for (int i = 0; i < n; i++) {
      micros[i] = 1_600_000_000_000_000L + (long) (random.nextDouble() * 1e14);
      isoText.writeBytes(iso.format(micros[i]).getBytes(StandardCharsets.UTF_8));
      isoOffsets[i + 1] = isoText.size();
      castText.writeBytes(
          DateTimeUtils.timestampToString(micros[i], paris).getBytes(StandardCharsets.UTF_8));
      castOffsets[i + 1] = castText.size();
    }
    byte[] isoBytes = isoText.toByteArray();
    byte[] castBytes = castText.toByteArray();
    DateTimeFields fields = new DateTimeFields();
    for (int round = 0; round < 5; round++) {
      int reps = 40;
      long sum = 0;
      long t0 = cpu();
      for (int k = 0; k < reps; k++) {
        for (int i = 0; i < n; i++) {
          sum += iso.parse(isoBytes, isoOffsets[i], isoOffsets[i + 1] - isoOffsets[i]);
        }
      }
      long t1 = cpu();
      for (int k = 0; k < reps; k++) {
        for (int i = 0; i < n; i++) {
          sum +=
              DateTimeUtils.stringToTimestamp(
                  castBytes, castOffsets[i], castOffsets[i + 1] - castOffsets[i], calendar);
        }
      }
      long t2 = cpu();
      for (int k = 0; k < reps; k++) {
        for (int i = 0; i < n; i++) {
          sum += fields.set(micros[i], calendar).hour;
        }
      }
      long t3 = cpu();
      for (int k = 0; k < reps; k++) {
        for (int i = 0; i < n; i++) {
          sum += plain.format(micros[i]).length();
        }
      }
      long t4 = cpu();
      for (int i = 0; i < n; i++) {
        sum += textual.format(micros[i]).length();
      }
      long t5 = cpu();
      double values = (double) n * reps;
      System.out.printf(
          "ISO parse %.1f M/s, CAST parse %.1f M/s, fields %.1f M/s, fast format %.1f M/s,"
              + " java.time format %.1f M/s (checksum %d)%n",
          values * 1e3 / (t1 - t0),
          values * 1e3 / (t2 - t1),
          values * 1e3 / (t3 - t2),
          values * 1e3 / (t4 - t3),
          n * 1e3 / (t5 - t4),
          sum & 0xF);
    }
  }

  private static long cpu() {
    return THREADS.getCurrentThreadCpuTime();
  }
}
