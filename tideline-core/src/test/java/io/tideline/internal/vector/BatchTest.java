package io.tideline.internal.vector;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.types.DataTypes;
import org.junit.jupiter.api.Test;

class BatchTest {

  private static Batch fiveRows() {
    LongVector ids = new LongVector(DataTypes.LongType, 5);
    BytesVector names = new BytesVector(DataTypes.StringType, 5);
    for (int i = 0; i < 5; i++) {
      ids.set(i, i * 10);
      names.appendString(i, "n" + i);
    }
    return new Batch(new ColumnVector[] {ids, names}, 5);
  }

  @Test
  void selection_namesTheLiveRowsWithoutCopying() {
    Batch b = fiveRows().withSelection(new int[] {1, 3, 4, 0}, 2);
    assertThat(b.size()).isEqualTo(2);
    assertThat(b.numRows()).isEqualTo(5);
    assertThat(b.rowAt(1)).isEqualTo(3);
    assertThat(b.column(0)).isInstanceOf(LongVector.class);
  }

  @Test
  void compact_gathersOnlyTheLiveRows() {
    Batch dense = fiveRows().withSelection(new int[] {1, 3}, 2).compact();
    assertThat(dense.hasSelection()).isFalse();
    assertThat(dense.size()).isEqualTo(2);
    assertThat(((LongVector) dense.column(0)).get(1)).isEqualTo(30);
    assertThat(((BytesVector) dense.column(1)).getString(0)).isEqualTo("n1");
  }

  @Test
  void compact_withoutSelectionIsTheSameBatch() {
    Batch b = fiveRows();
    assertThat(b.compact()).isSameAs(b);
    assertThat(b.selectionOrIdentity()).containsExactly(0, 1, 2, 3, 4);
  }
}
