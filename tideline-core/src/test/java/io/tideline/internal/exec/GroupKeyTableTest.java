package io.tideline.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The hash table against a LinkedHashMap model: same ids, in order of first appearance. */
class GroupKeyTableTest {

  private static Object valueFor(DataType type, int seed) {
    if (seed % 7 == 0) {
      return null;
    }
    if (type == DataTypes.StringType) {
      return "k" + (seed % 50);
    }
    if (type == DataTypes.DoubleType) {
      return (seed % 11 == 0) ? -0.0 : (seed % 13 == 0 ? Double.NaN : (double) (seed % 40));
    }
    return (long) (seed % 60);
  }

  private static Object modelValue(Object v) {
    if (v instanceof Double d && d == 0.0) {
      return 0.0;
    }
    return v;
  }

  private void check(List<DataType> types, int[] seeds, int batchSize, boolean selectEveryOther) {
    GroupKeyTable table = new GroupKeyTable(types, "test keys");
    Map<List<Object>, Integer> model = new LinkedHashMap<>();
    for (int from = 0; from < seeds.length; from += batchSize) {
      int n = Math.min(batchSize, seeds.length - from);
      ColumnVector[] cols = new ColumnVector[types.size()];
      for (int c = 0; c < cols.length; c++) {
        cols[c] = ColumnVector.allocate(types.get(c), n);
        for (int i = 0; i < n; i++) {
          cols[c].setObject(i, valueFor(types.get(c), seeds[from + i] * (c + 3)));
        }
      }
      Batch batch = new Batch(cols, n);
      if (selectEveryOther) {
        int[] sel = new int[(n + 1) / 2];
        for (int i = 0; i < sel.length; i++) {
          sel[i] = 2 * i;
        }
        batch = batch.withSelection(sel, sel.length);
      }
      int[] ids = new int[n];
      table.findOrInsert(cols, batch, ids);
      for (int k = 0; k < batch.size(); k++) {
        int row = batch.rowAt(k);
        List<Object> key = new ArrayList<>();
        for (ColumnVector c : cols) {
          key.add(modelValue(c.getObject(row)));
        }
        Integer expected = model.computeIfAbsent(key, x -> model.size());
        assertThat(ids[k]).as("key %s", key).isEqualTo(expected);
      }
    }
    assertThat(table.size()).isEqualTo(model.size());
    int g = 0;
    for (List<Object> key : model.keySet()) {
      for (int c = 0; c < types.size(); c++) {
        assertThat(modelValue(table.keyVectors()[c].getObject(g))).isEqualTo(key.get(c));
      }
      g++;
    }
  }

  @Property(tries = 60)
  void singleLongKey_matchesModel(
      @ForAll @IntRange(min = 0, max = 10_000) int[] seeds,
      @ForAll @IntRange(min = 1, max = 50) int batchSize,
      @ForAll boolean selectEveryOther) {
    check(List.of(DataTypes.LongType), seeds, batchSize, selectEveryOther);
  }

  @Property(tries = 60)
  void doubleKey_normalisesZeroAndNaN(
      @ForAll @IntRange(min = 0, max = 10_000) int[] seeds,
      @ForAll @IntRange(min = 1, max = 50) int batchSize) {
    check(List.of(DataTypes.DoubleType), seeds, batchSize, false);
  }

  @Property(tries = 60)
  void stringAndLongKeys_matchModel(
      @ForAll @IntRange(min = 0, max = 10_000) int[] seeds,
      @ForAll @IntRange(min = 1, max = 50) int batchSize,
      @ForAll boolean selectEveryOther) {
    check(List.of(DataTypes.StringType, DataTypes.LongType), seeds, batchSize, selectEveryOther);
  }

  @Property(tries = 30)
  void find_neverMatchesNullKeys(@ForAll @IntRange(min = 0, max = 1000) int[] seeds) {
    List<DataType> types = List.of(DataTypes.StringType, DataTypes.LongType);
    GroupKeyTable table = new GroupKeyTable(types, "test keys");
    ColumnVector[] cols = new ColumnVector[2];
    int n = seeds.length;
    for (int c = 0; c < 2; c++) {
      cols[c] = ColumnVector.allocate(types.get(c), Math.max(n, 1));
      for (int i = 0; i < n; i++) {
        cols[c].setObject(i, valueFor(types.get(c), seeds[i] * (c + 3)));
      }
    }
    Batch batch = new Batch(cols, n);
    int[] ids = new int[Math.max(n, 1)];
    table.findOrInsert(cols, batch, ids);
    int[] found = new int[Math.max(n, 1)];
    table.find(cols, batch, found);
    for (int i = 0; i < n; i++) {
      boolean anyNull = cols[0].isNullAt(i) || cols[1].isNullAt(i);
      assertThat(found[i]).as("row %d", i).isEqualTo(anyNull ? -1 : ids[i]);
    }
    assertThat(Arrays.stream(found, 0, n).filter(x -> x >= table.size()).count()).isZero();
  }
}
