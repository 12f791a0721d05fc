package io.tideline.internal.streaming.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenFilesTest {

  @Test
  void isNewFile_unseenPath_isNew_seenPath_isNotEvenWithANewTimestamp() {
    SeenFiles seen = new SeenFiles(1_000, false);
    seen.add("file:///in/a", 5_000);
    assertThat(seen.isNewFile("file:///in/b", 5_000)).isTrue();
    // A rewritten file keeps its path: Spark never reads it again.
    assertThat(seen.isNewFile("file:///in/a", 9_000)).isFalse();
  }

  @Test
  void purge_forgetsFilesOlderThanLatestMinusMaxAge_andTreatsOlderFilesAsOld() {
    SeenFiles seen = new SeenFiles(1_000, false);
    seen.add("file:///in/old", 3_999);
    seen.add("file:///in/edge", 4_000);
    seen.add("file:///in/new", 5_000);

    // Before a purge, nothing is too old: the threshold only moves at a purge.
    assertThat(seen.isNewFile("file:///in/ancient", 1)).isTrue();

    assertThat(seen.purge()).isEqualTo(1);
    assertThat(seen.size()).isEqualTo(2);
    assertThat(seen.lastPurgeTimestamp()).isEqualTo(4_000);
    assertThat(seen.isNewFile("file:///in/ancient", 3_999)).isFalse();
    // The purged path is not new again: it is older than the threshold.
    assertThat(seen.isNewFile("file:///in/old", 3_999)).isFalse();
    // Exactly at the threshold a file is still new (Spark compares with >=).
    assertThat(seen.isNewFile("file:///in/other", 4_000)).isTrue();
    assertThat(seen.isNewFile("file:///in/edge", 4_000)).isFalse();
  }

  @Test
  void purge_withoutMaxAge_forgetsNothing() {
    SeenFiles seen = new SeenFiles(Long.MAX_VALUE, false);
    seen.add("file:///in/a", 0);
    seen.add("file:///in/b", Long.MAX_VALUE / 2);
    assertThat(seen.purge()).isZero();
    assertThat(seen.isNewFile("file:///in/c", Long.MIN_VALUE + 1)).isTrue();
  }

  @Test
  void isNewFile_hadoopAndJavaSpellingsOfALocalPath_areTheSameFile() {
    SeenFiles seen = new SeenFiles(Long.MAX_VALUE, false);
    seen.add("file:/data/in/a.json", 1);
    assertThat(seen.isNewFile("file:///data/in/a.json", 1)).isFalse();
  }

  @Test
  void isNewFile_fileNameOnly_ignoresTheFolder() {
    SeenFiles byName = new SeenFiles(Long.MAX_VALUE, true);
    byName.add("file:///in/x/a.json", 1);
    assertThat(byName.isNewFile("file:///in/y/a.json", 1)).isFalse();

    SeenFiles byPath = new SeenFiles(Long.MAX_VALUE, false);
    byPath.add("file:///in/x/a.json", 1);
    assertThat(byPath.isNewFile("file:///in/y/a.json", 1)).isTrue();
  }
}
