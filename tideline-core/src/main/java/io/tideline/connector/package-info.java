/**
 * The connector SPI: what a streaming source or sink implements to plug into Tideline's micro-batch
 * loop, as Spark's micro-batch {@code Source}/{@code Sink} with admission control.
 *
 * <p>A {@link io.tideline.connector.SourceProvider} (found with {@link java.util.ServiceLoader} by
 * its {@code format(...)} name) reports the schema at {@code readStream().load()} and makes a
 * {@link io.tideline.connector.Source} when a query starts, on its own folder of the checkpoint.
 * Per batch the loop asks the source for its end {@link io.tideline.connector.Offset} within a
 * {@link io.tideline.connector.ReadLimit}, writes it to {@code offsets/N}, then asks for the plan
 * of the records in {@code (start, end]}; after {@code commits/N} it tells the source the records
 * are durable. A {@link io.tideline.connector.SinkProvider} makes a {@link
 * io.tideline.connector.Sink}, which gets each batch with its id and must make a second delivery of
 * an id a no-op.
 *
 * <p>Between triggers an idle loop waits {@code tideline.sql.streaming.pollingDelay} (10 ms) before
 * asking its sources again. A source that can learn of new data by itself (a consumer parked on its
 * broker) may end that wait early through {@link io.tideline.connector.SourceContext#wakeLoop()},
 * present when the trigger waits for data; a wake only makes the loop ask {@code latestOffset}
 * again, so it never changes which records a batch holds. Sources that do nothing with it keep the
 * polling delay.
 *
 * <p>Formats that are not files ({@code kafka}, {@code delta}) also serve batch reads and writes: a
 * {@link io.tideline.connector.BatchReadProvider} answers {@code t.read().format(name).load()} and
 * a {@link io.tideline.connector.BatchWriteProvider} answers {@code
 * df.write().format(name).mode(...).save()}, with the {@link io.tideline.connector.SaveMode}. A
 * batch read whose extent depends on when it runs (Kafka's {@code endingOffsets=latest}) returns a
 * {@link io.tideline.connector.BatchScan}: the engine plans its {@link
 * io.tideline.connector.ScanPartition}s at each action and reads them in parallel tasks.
 *
 * <p>Sources return their batch as a logical plan of the engine ({@code
 * io.tideline.internal.plan}): connectors live in this repository and move with the engine.
 */
package io.tideline.connector;
