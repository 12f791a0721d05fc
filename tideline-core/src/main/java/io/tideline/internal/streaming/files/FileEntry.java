package io.tideline.internal.streaming.files;

/**
 * One file the file stream source took into a batch, as recorded in its log.
 *
 * @param path the file's URI, e.g. {@code file:///data/in/a.json}
 * @param timestamp the file's modification time when it was listed, epoch milliseconds
 * @param batchId the source log batch (= the source offset's {@code logOffset}) that read it
 */
public record FileEntry(String path, long timestamp, long batchId) {}
