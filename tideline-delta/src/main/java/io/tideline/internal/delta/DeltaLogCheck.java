package io.tideline.internal.delta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The diagnosis of a transaction log that Kernel failed to read: a missing commit file (a gap in
 * the versions) or a commit file that is not valid JSON, named with the table, the version and the
 * file, so the user knows which file to restore.
 *
 * <p>Why a diagnosis after the fact rather than before every read: Kernel reads the log itself, and
 * the checks below read every commit file of a range, which only a failure justifies. Kernel's own
 * messages for these cases name neither the table nor the file consistently.
 */
final class DeltaLogCheck {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern COMMIT_FILE = Pattern.compile("\\d{20}\\.json");
  private static final Pattern CHECKPOINT_FILE =
      Pattern.compile("\\d{20}\\.checkpoint.*\\.parquet");

  private DeltaLogCheck() {}

  /** The path of the commit file of {@code version}. */
  static Path commitFile(Path tableRoot, long version) {
    return tableRoot.resolve("_delta_log").resolve(String.format("%020d.json", version));
  }

  /**
   * What is wrong with the log of {@code table} from {@code fromVersion} on (or from its latest
   * checkpoint when {@code fromVersion} is negative): the first missing version or the first
   * unreadable commit file; empty when both look fine.
   *
   * @param shown the table as messages name it
   */
  static Optional<RuntimeException> diagnose(DeltaTable table, String shown, long fromVersion) {
    Path log = table.root().resolve("_delta_log");
    TreeSet<Long> commits = new TreeSet<>();
    long lastCheckpoint = -1;
    try (Stream<Path> files = Files.list(log)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (COMMIT_FILE.matcher(name).matches()) {
          commits.add(Long.parseLong(name.substring(0, 20)));
        } else if (CHECKPOINT_FILE.matcher(name).matches()) {
          lastCheckpoint = Math.max(lastCheckpoint, Long.parseLong(name.substring(0, 20)));
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    if (commits.isEmpty()) {
      return Optional.empty();
    }
    long from = fromVersion >= 0 ? fromVersion : Math.max(commits.first(), lastCheckpoint + 1);
    long last = commits.last();
    for (long v = from; v <= last; v++) {
      if (!commits.contains(v)) {
        return Optional.of(
            DeltaErrors.versionsNotContiguous(
                shown, ranges(commits), v, commitFile(table.root(), v).toString(), v - 1));
      }
    }
    for (long v = Math.max(from, commits.first()); v <= last; v++) {
      Optional<RuntimeException> bad = checkCommitFile(shown, v, commitFile(table.root(), v));
      if (bad.isPresent()) {
        return bad;
      }
    }
    return Optional.empty();
  }

  /** A failure naming {@code file} when it is empty or has a line that is not a JSON object. */
  static Optional<RuntimeException> checkCommitFile(String shown, long version, Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode node = MAPPER.readTree(line);
          if (node == null || !node.isObject()) {
            return Optional.of(
                DeltaErrors.commitFileUnreadable(
                    shown, version, file.toString(), n, "not a JSON object", null));
          }
        } catch (JsonProcessingException e) {
          return Optional.of(
              DeltaErrors.commitFileUnreadable(
                  shown, version, file.toString(), n, e.getOriginalMessage(), e));
        }
      }
      if (n == 0) {
        return Optional.of(
            DeltaErrors.commitFileUnreadable(
                shown, version, file.toString(), 0, "the file is empty", null));
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(
          DeltaErrors.commitFileUnreadable(
              shown, version, file.toString(), 0, String.valueOf(e.getMessage()), e));
    }
  }

  /** The versions as ranges, e.g. {@code [0-4, 6-9]}. */
  private static String ranges(TreeSet<Long> versions) {
    List<String> out = new ArrayList<>();
    long start = -1;
    long prev = -1;
    for (long v : versions) {
      if (start < 0) {
        start = v;
      } else if (v != prev + 1) {
        out.add(start == prev ? Long.toString(start) : start + "-" + prev);
        start = v;
      }
      prev = v;
    }
    out.add(start == prev ? Long.toString(start) : start + "-" + prev);
    return out.toString();
  }
}
