package io.tideline.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Splitting a file at any byte boundaries yields every line exactly once, in order. */
class LineReaderPropertyTest {

  @Property(tries = 200)
  void lineReader_anySplitSize_yieldsEveryLineOnce(
      @ForAll @Size(max = 30) List<@StringLength(max = 12) String> words,
      @ForAll @IntRange(min = 1, max = 40) int splitSize,
      @ForAll boolean crlf,
      @ForAll boolean trailingNewline)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String line = words.get(i).replace("\n", "").replace("\r", "");
      expected.add(line);
      sb.append(line);
      if (i < words.size() - 1 || trailingNewline) {
        sb.append(crlf ? "\r\n" : "\n");
      }
    }
    if (!trailingNewline && !expected.isEmpty() && expected.get(expected.size() - 1).isEmpty()) {
      // A file ending in an empty unterminated line has no such line to read.
      expected.remove(expected.size() - 1);
    }
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    Path file = Files.createTempFile("lines", ".txt");
    try {
      Files.write(file, bytes);
      List<String> actual = new ArrayList<>();
      for (long start = 0; start < bytes.length; start += splitSize) {
        try (LineReader r =
            new LineReader(file, start, Math.min(splitSize, bytes.length - start), null)) {
          while (r.next()) {
            actual.add(
                new String(r.buffer(), r.lineStart(), r.lineLength(), StandardCharsets.UTF_8));
          }
        }
      }
      assertThat(actual).isEqualTo(expected);
    } finally {
      Files.delete(file);
    }
  }
}
