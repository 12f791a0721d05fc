/**
 * The session's table catalog: names such as {@code bronze.kafka_orders} mapped to folders of the
 * session's warehouse, in Spark's layout, with the name rules Spark's session catalog applies.
 */
package io.tideline.internal.catalog;
