/**
 * The {@code memory} streaming source behind {@link io.tideline.streaming.MemoryStream}: rows a
 * test adds from its own thread, served to queries in micro-batches.
 *
 * <p>Data flow: {@code MemoryStream.addData(rows)} converts the rows to columnar batches once and
 * appends them to the stream's {@link io.tideline.internal.streaming.memory.MemoryBuffer} as the
 * next {@code LongOffset} (0, 1, ...; -1 means no data yet, as Spark's {@code MemoryStream}), then
 * wakes the queries reading it. A query's {@link
 * io.tideline.internal.streaming.memory.MemorySource} answers {@code latestOffset} with the
 * buffer's newest offset and {@code getBatch(start, end)} with a {@code LocalRelation} over the
 * batches of offsets {@code start+1..end}, without copying them.
 */
package io.tideline.internal.streaming.memory;
