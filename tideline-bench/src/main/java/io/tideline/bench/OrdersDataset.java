package io.tideline.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * A generated folder of order lines, with the answer the benchmark query must produce on it.
 *
 * @param dir the folder holding the {@code orders-NNNNN.json} files, and nothing else
 * @param records how many lines the files hold together
 * @param files how many files
 * @param bytes the files' total size
 * @param expected per product, in product order: the sum and count of the orders with amount over
 *     100, computed from the generator's exact cents, not by any engine
 */
public record OrdersDataset(
    Path dir, long records, int files, long bytes, List<ProductTotals> expected) {}
