package io.tideline.internal.state;

import java.nio.file.Path;

/**
 * One store: {@code <checkpoint>/state/<operatorId>/<partitionId>} (plus {@code /<storeName>} for
 * an operator with several stores, such as a stream-stream join).
 */
public record StateStoreId(
    Path checkpointStateDir, long operatorId, int partitionId, String storeName) {

  public static final String DEFAULT_STORE_NAME = "default";

  /** The folder of this store's files. */
  public Path dir() {
    Path p =
        checkpointStateDir
            .resolve(Long.toString(operatorId))
            .resolve(Integer.toString(partitionId));
    return DEFAULT_STORE_NAME.equals(storeName) ? p : p.resolve(storeName);
  }
}
