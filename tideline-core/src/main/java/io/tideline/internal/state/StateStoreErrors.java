package io.tideline.internal.state;

import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.TidelineException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The factory of every user-facing state store failure: a version whose files are missing, corrupt
 * or written by a newer Tideline, a commit that could not be written, a provider class that cannot
 * be used. Wording lives here; tests assert the {@link Condition} and its parameters.
 */
public final class StateStoreErrors {

  /** The state store error conditions, with Spark's names where Spark has one. */
  public enum Condition implements ErrorCondition {
    CANNOT_LOAD_STATE_STORE_DELTA_FILE_NOT_EXISTS(
        "CANNOT_LOAD_STATE_STORE.CANNOT_READ_DELTA_FILE_NOT_EXISTS",
        "58030",
        "Cannot load version <version> of the state store of <store>: the change file <file>"
            + " does not exist. The checkpoint's state was deleted or only partly copied. Restore"
            + " the checkpoint from a backup, or start the query with a new checkpointLocation (it"
            + " will then start from the sources' starting offsets)."),
    CANNOT_LOAD_STATE_STORE_CORRUPT_FILE(
        "CANNOT_LOAD_STATE_STORE.CANNOT_READ_STREAMING_STATE_FILE",
        "58030",
        "Cannot load version <version> of the state store of <store>: the file <file> is"
            + " unreadable or corrupt (<reason>). Restore the checkpoint from a backup, or start"
            + " the query with a new checkpointLocation (it will then start from the sources'"
            + " starting offsets)."),
    CANNOT_LOAD_STATE_STORE_NEWER_FORMAT(
        "CANNOT_LOAD_STATE_STORE.UNSUPPORTED_FORMAT_VERSION",
        "KD002",
        "Cannot load version <version> of the state store of <store>: the file <file> has state"
            + " format version v<found>, but this Tideline reads up to v<maxSupported>. It was"
            + " written by a newer Tideline; upgrade Tideline, or start the query with a new"
            + " checkpointLocation."),
    CANNOT_WRITE_STATE_STORE_CANNOT_COMMIT(
        "CANNOT_WRITE_STATE_STORE.CANNOT_COMMIT",
        "58030",
        "Cannot commit version <version> of the state store of <store> to <file>: <cause>."
            + " Check that the checkpoint location is writable and has free space, then restart"
            + " the query: the batch is re-run from its offsets."),
    STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE(
        "STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE",
        "42K03",
        "The key schema of the state of <store> does not match the one in the checkpoint:"
            + " existing key schema <storedSchema>, new key schema <newSchema>. The query's"
            + " stateful operators (grouping keys, deduplication columns, join keys) changed"
            + " since the checkpoint was written, which Structured Streaming does not allow."
            + " Revert the change, or start the query with a new checkpointLocation."),
    STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE(
        "STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE",
        "42K03",
        "The value schema of the state of <store> does not match the one in the checkpoint:"
            + " existing value schema <storedSchema>, new value schema <newSchema>. The query's"
            + " aggregate functions or stateful operators changed since the checkpoint was"
            + " written, which Structured Streaming does not allow. Revert the change, or start"
            + " the query with a new checkpointLocation."),
    STATE_STORE_INVALID_PROVIDER(
        "STATE_STORE_INVALID_PROVIDER",
        "42K06",
        "The state store provider class <providerClass> set by <confKey> <reason>. Set <confKey>"
            + " to a class that implements io.tideline.internal.state.StateStoreProvider and has"
            + " a public no-argument constructor, or unset it to use the default"
            + " <defaultClass>.");

    private final String conditionName;
    private final String sqlState;
    private final String template;

    Condition(String conditionName, String sqlState, String template) {
      this.conditionName = conditionName;
      this.sqlState = sqlState;
      this.template = template;
    }

    @Override
    public String conditionName() {
      return conditionName;
    }

    @Override
    public String sqlState() {
      return sqlState;
    }

    @Override
    public String template() {
      return template;
    }
  }

  private StateStoreErrors() {}

  /** How messages name a store: the operator, the partition, the store name and its folder. */
  static String describe(StateStoreId id) {
    return "operator "
        + id.operatorId()
        + ", partition "
        + id.partitionId()
        + (StateStoreId.DEFAULT_STORE_NAME.equals(id.storeName())
            ? ""
            : ", store " + id.storeName())
        + " ("
        + id.dir()
        + ")";
  }

  static TidelineException deltaFileMissing(StateStoreId id, long version, Path file) {
    return new TidelineException(
        Condition.CANNOT_LOAD_STATE_STORE_DELTA_FILE_NOT_EXISTS,
        Map.of("version", Long.toString(version), "store", describe(id), "file", file.toString()));
  }

  static TidelineException corruptFile(
      StateStoreId id, long version, Path file, String reason, Throwable cause) {
    return new TidelineException(
        Condition.CANNOT_LOAD_STATE_STORE_CORRUPT_FILE,
        Map.of(
            "version",
            Long.toString(version),
            "store",
            describe(id),
            "file",
            file.toString(),
            "reason",
            reason),
        cause);
  }

  static TidelineException newerFormat(
      StateStoreId id, long version, Path file, int found, int maxSupported) {
    return new TidelineException(
        Condition.CANNOT_LOAD_STATE_STORE_NEWER_FORMAT,
        Map.of(
            "version",
            Long.toString(version),
            "store",
            describe(id),
            "file",
            file.toString(),
            "found",
            Integer.toString(found),
            "maxSupported",
            Integer.toString(maxSupported)));
  }

  static TidelineException cannotCommit(StateStoreId id, long version, Path file, Throwable cause) {
    return new TidelineException(
        Condition.CANNOT_WRITE_STATE_STORE_CANNOT_COMMIT,
        Map.of(
            "version",
            Long.toString(version),
            "store",
            describe(id),
            "file",
            file.toString(),
            "cause",
            String.valueOf(cause)),
        cause);
  }

  static TidelineException keySchemaNotCompatible(
      StateStoreId id, String storedSchema, String newSchema) {
    return new TidelineException(
        Condition.STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE,
        Map.of("store", describe(id), "storedSchema", storedSchema, "newSchema", newSchema));
  }

  static TidelineException valueSchemaNotCompatible(
      StateStoreId id, String storedSchema, String newSchema) {
    return new TidelineException(
        Condition.STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE,
        Map.of("store", describe(id), "storedSchema", storedSchema, "newSchema", newSchema));
  }

  static TidelineException invalidProvider(
      String providerClass, String confKey, String reason, Throwable cause) {
    return new TidelineException(
        Condition.STATE_STORE_INVALID_PROVIDER,
        Map.of(
            "providerClass",
            providerClass,
            "confKey",
            confKey,
            "reason",
            reason,
            "defaultClass",
            InMemoryStateStoreProvider.class.getName()),
        cause);
  }

  /** An internal misuse of a store: never the user's fault. */
  static IllegalStateException bug(StateStoreId id, String what) {
    return new IllegalStateException(
        "Bug in Tideline: state store of " + describe(id) + ": " + what);
  }
}
