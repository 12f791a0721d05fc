package io.tideline.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineReaderTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  private static String line(LineReader r) {
    return new String(r.buffer(), r.lineStart(), r.lineLength(), StandardCharsets.UTF_8);
  }

  @Test
  void close_recyclesBuffer_toOneLaterReaderOnly_evenWhenClosedTwice() throws IOException {
    Path a = write("a.json", "a1\na2\n");
    Path b = write("b.json", "b1\nb2\n");
    LineReader first = new LineReader(a, 0, Files.size(a), null);
    byte[] recycled = first.buffer();
    first.close();
    first.close();

    try (LineReader left = new LineReader(a, 0, Files.size(a), null);
        LineReader right = new LineReader(b, 0, Files.size(b), null)) {
      assertThat(left.buffer()).isSameAs(recycled);
      assertThat(right.buffer()).isNotSameAs(recycled);
      // Interleaved reads on one thread: each reader keeps its own bytes.
      assertThat(left.next()).isTrue();
      assertThat(right.next()).isTrue();
      assertThat(line(left)).isEqualTo("a1");
      assertThat(line(right)).isEqualTo("b1");
      assertThat(left.next()).isTrue();
      assertThat(right.next()).isTrue();
      assertThat(line(left)).isEqualTo("a2");
      assertThat(line(right)).isEqualTo("b2");
    }
  }

  @Test
  void peekLineStartAndSkipLine_actAsNext_andRespectTheSplitEnd() throws IOException {
    Path f = write("c.json", "x1\ny22\nz333\n");
    // The split [0, 4) owns "x1" and "y22" (which starts at byte 3), not "z333".
    try (LineReader r = new LineReader(f, 0, 4, null)) {
      assertThat(r.next()).isTrue();
      assertThat(line(r)).isEqualTo("x1");
      int start = r.peekLineStart();
      assertThat(start).isEqualTo(3);
      r.skipLine(6);
      assertThat(line(r)).isEqualTo("y22");
      assertThat(r.lineNumber()).isEqualTo(2);
      assertThat(r.peekLineStart()).isEqualTo(-1);
      assertThat(r.next()).isFalse();
    }
  }
}
