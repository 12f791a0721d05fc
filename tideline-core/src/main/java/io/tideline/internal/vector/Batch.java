package io.tideline.internal.vector;

import java.util.Arrays;

/**
 * A batch of rows in columnar form: one {@link ColumnVector} per column of the operator's output
 * schema, {@link #numRows()} physical rows, and an optional selection vector naming the live rows.
 *
 * <p>A filter produces a batch with a selection instead of copying the survivors; the next operator
 * that needs dense rows calls {@link #compact()}. Batches are immutable once published: operators
 * build new batches (sharing vectors) instead of changing one they received.
 */
public final class Batch {
  private final ColumnVector[] columns;
  private final int numRows;
  private final int[] selection;
  private final int size;

  public Batch(ColumnVector[] columns, int numRows) {
    this(columns, numRows, null, numRows);
  }

  /**
   * @param selection ascending physical row indexes of the live rows, or null for all rows
   * @param size the number of live rows: the used prefix of {@code selection}
   */
  public Batch(ColumnVector[] columns, int numRows, int[] selection, int size) {
    this.columns = columns;
    this.numRows = numRows;
    this.selection = selection;
    this.size = selection == null ? numRows : size;
  }

  public static Batch empty(ColumnVector[] columns) {
    return new Batch(columns, 0);
  }

  /** The number of physical rows in the vectors. */
  public int numRows() {
    return numRows;
  }

  /** The number of live rows: {@link #numRows()} without a selection, else the selection size. */
  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public boolean hasSelection() {
    return selection != null;
  }

  /** The selection vector (only its first {@link #size()} entries count), or null. */
  public int[] selection() {
    return selection;
  }

  /** The physical index of the k-th live row. */
  public int rowAt(int k) {
    return selection == null ? k : selection[k];
  }

  public int numColumns() {
    return columns.length;
  }

  public ColumnVector column(int i) {
    return columns[i];
  }

  public ColumnVector[] columns() {
    return columns;
  }

  /** The same vectors with another selection (physical indexes, ascending). */
  public Batch withSelection(int[] newSelection, int newSize) {
    return new Batch(columns, numRows, newSelection, newSize);
  }

  /** Other vectors, row-aligned with this batch, under the same selection. */
  public Batch withColumns(ColumnVector[] newColumns) {
    return new Batch(newColumns, numRows, selection, size);
  }

  /** This batch with dense rows: itself when it has no selection, else the live rows gathered. */
  public Batch compact() {
    if (selection == null) {
      return this;
    }
    ColumnVector[] dense = new ColumnVector[columns.length];
    for (int i = 0; i < columns.length; i++) {
      dense[i] = columns[i].gather(selection, size);
    }
    return new Batch(dense, size);
  }

  /** The selection as an explicit array of live physical rows (allocates when there is none). */
  public int[] selectionOrIdentity() {
    if (selection != null) {
      return selection;
    }
    int[] all = new int[numRows];
    for (int i = 0; i < numRows; i++) {
      all[i] = i;
    }
    return all;
  }

  @Override
  public String toString() {
    return "Batch[columns="
        + columns.length
        + ", numRows="
        + numRows
        + ", size="
        + size
        + (selection == null
            ? ""
            : ", selection=" + Arrays.toString(Arrays.copyOf(selection, Math.min(size, 8))))
        + "]";
  }
}
