package io.tideline.bench;

/**
 * One output row of the orders benchmark: a product with the sum and count of its orders over 100.
 */
public record ProductTotals(String product, double sumAmount, long count) {}
