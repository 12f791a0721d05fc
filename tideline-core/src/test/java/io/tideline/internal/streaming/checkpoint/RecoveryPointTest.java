package io.tideline.internal.streaming.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.TidelineException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryPointTest {

  @TempDir Path checkpoint;

  private OffsetLog offsets;
  private CommitLog commits;

  @BeforeEach
  void openLogs() {
    offsets = OffsetLog.in(checkpoint);
    commits = CommitLog.in(checkpoint);
  }

  private static OffsetSeq offsetsAt(long end, long watermarkMs, long timestampMs) {
    return new OffsetSeq(
        List.of(Long.toString(end)), new OffsetSeqMetadata(watermarkMs, timestampMs));
  }

  private RecoveryPoint recover() {
    return RecoveryPoint.recover(checkpoint, offsets, commits);
  }

  @Test
  void recover_emptyCheckpoint_startsAtBatchZero() {
    assertThat(recover()).isEqualTo(RecoveryPoint.fresh());
    assertThat(RecoveryPoint.fresh().batchId()).isZero();
  }

  @Test
  void recover_lastBatchCommitted_startsTheNextAfterItsOffsets() {
    offsets.add(0, offsetsAt(5, 0, 100));
    commits.add(0, new CommitMetadata(0));
    offsets.add(1, offsetsAt(9, 1_000, 200));
    commits.add(1, new CommitMetadata(4_000));

    RecoveryPoint point = recover();

    assertThat(point.batchId()).isEqualTo(2);
    assertThat(point.rerun()).isFalse();
    assertThat(point.startOffsets()).contains(offsetsAt(9, 1_000, 200));
    assertThat(point.endOffsets()).isEmpty();
    assertThat(point.watermarkMs()).isEqualTo(4_000);
  }

  @Test
  void recover_crashBeforeCommit_rerunsTheSameBatchWithItsRecordedOffsetsAndMetadata() {
    offsets.add(0, offsetsAt(5, 0, 100));
    commits.add(0, new CommitMetadata(700));
    offsets.add(1, offsetsAt(9, 700, 200));

    RecoveryPoint point = recover();

    assertThat(point.batchId()).isEqualTo(1);
    assertThat(point.rerun()).isTrue();
    assertThat(point.startOffsets()).contains(offsetsAt(5, 0, 100));
    assertThat(point.endOffsets()).contains(offsetsAt(9, 700, 200));
    assertThat(point.endOffsets().flatMap(OffsetSeq::metadata).orElseThrow().batchTimestampMs())
        .isEqualTo(200);
    assertThat(point.watermarkMs()).isEqualTo(700);
  }

  @Test
  void recover_crashInTheFirstBatch_rerunsBatchZeroFromTheBeginning() {
    offsets.add(0, offsetsAt(5, 0, 100));

    RecoveryPoint point = recover();

    assertThat(point)
        .isEqualTo(
            new RecoveryPoint(0, true, Optional.empty(), Optional.of(offsetsAt(5, 0, 100)), 0));
  }

  @Test
  void recover_previousOffsetsPurgedOrLost_isRefusedAsInconsistent() {
    offsets.add(4, offsetsAt(9, 0, 200));
    commits.add(3, new CommitMetadata(0));

    assertThatThrownBy(this::recover)
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("INCONSISTENT_CHECKPOINT");
              assertThat(e.getMessage()).contains("batch 3 doesn't exist");
            });
  }

  @Test
  void recover_commitAheadOfOffsets_isRefusedAsInconsistent() {
    offsets.add(0, offsetsAt(5, 0, 100));
    commits.add(0, new CommitMetadata(0));
    commits.add(1, new CommitMetadata(0));

    assertThatThrownBy(this::recover)
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("INCONSISTENT_CHECKPOINT"));
  }

  @Test
  void concurrentStreamLogUpdate_carriesSparksConditionAndTheBatch() {
    offsets.add(0, offsetsAt(5, 0, 100));
    boolean written = offsets.add(0, offsetsAt(6, 0, 100));

    TidelineException error = CheckpointErrors.concurrentStreamLogUpdate(0, offsets.batchFile(0));

    assertThat(written).isFalse();
    assertThat(error.getCondition()).isEqualTo("CONCURRENT_STREAM_LOG_UPDATE");
    assertThat(error.getSqlState()).isEqualTo("40000");
    assertThat(error.getMessage())
        .contains("Multiple streaming jobs detected for batch 0")
        .contains(offsets.batchFile(0).toString());
  }
}
