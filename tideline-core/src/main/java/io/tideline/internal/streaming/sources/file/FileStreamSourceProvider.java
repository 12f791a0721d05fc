package io.tideline.internal.streaming.sources.file;

import io.tideline.Tideline;
import io.tideline.connector.Source;
import io.tideline.connector.SourceContext;
import io.tideline.connector.SourceProvider;
import io.tideline.internal.api.ApiErrors;
import io.tideline.internal.datasource.FileFormat;
import io.tideline.internal.datasource.FileFormats;
import io.tideline.internal.streaming.files.FilePaths;
import io.tideline.internal.streaming.files.SourceFile;
import io.tideline.internal.streaming.files.SourceFileCleaner;
import io.tideline.types.ArrayType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.MapType;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes file stream sources of one format: {@code t.readStream().format("json").schema(s)
 * .load("/data/in")}. One subclass per format name, so {@code ServiceLoader} finds each.
 *
 * <p>At {@code load()}: checks the options, that a non-glob path exists, and decides the schema:
 * the user's, else text's fixed {@code value STRING}, else (only when {@value #SCHEMA_INFERENCE} is
 * true) the one the format infers from the files present now; otherwise fails as Spark does. The
 * schema is made nullable throughout unless {@value #FORCE_NULLABLE} is false, as in Spark.
 */
public abstract class FileStreamSourceProvider implements SourceProvider {

  /** Conf key (alias {@code spark.sql.streaming.schemaInference}) allowing schema inference. */
  public static final String SCHEMA_INFERENCE = "tideline.sql.streaming.schemaInference";

  /** Conf key making every column of a file stream nullable, as Spark, true by default. */
  public static final String FORCE_NULLABLE =
      "tideline.sql.streaming.fileSource.schema.forceNullable";

  private final String format;

  protected FileStreamSourceProvider(String format) {
    this.format = format;
  }

  @Override
  public final String shortName() {
    return format;
  }

  @Override
  public final StructType sourceSchema(
      Tideline session, Map<String, String> options, Optional<StructType> userSchema) {
    FileSourceSettings settings = FileSourceSettings.parse(format, options);
    SourceFileCleaner.create(settings.streamOptions(), settings.path());
    FileSourceListing listing = new FileSourceListing(settings.path());
    // As Spark: a glob may match only once files arrive, a plain path must exist now.
    if (!listing.isGlob() && !Files.exists(settings.path())) {
      throw ApiErrors.error(ApiErrors.Condition.PATH_NOT_FOUND, "path", settings.qualifiedPath());
    }
    StructType schema;
    if (userSchema.isPresent()) {
      schema = userSchema.get();
      if (format.equals("text")
          && (schema.size() != 1 || !schema.field(0).dataType().equals(DataTypes.StringType))) {
        throw FileSourceErrors.textSchemaInvalid(schema.simpleString(), settings.qualifiedPath());
      }
    } else if (format.equals("text")) {
      schema = inferSchema(session, List.of(), settings);
    } else if (session.conf().getBoolean(SCHEMA_INFERENCE, false)) {
      List<SourceFile> files = new ArrayList<>(listing.list());
      files.sort(Comparator.comparing(SourceFile::path));
      List<Path> paths = new ArrayList<>(files.size());
      for (SourceFile f : files) {
        paths.add(FilePaths.toPath(f.path()));
      }
      schema = inferSchema(session, paths, settings);
    } else {
      throw FileSourceErrors.schemaRequired(format, settings.qualifiedPath());
    }
    return session.conf().getBoolean(FORCE_NULLABLE, true)
        ? (StructType) asNullable(schema)
        : schema;
  }

  @Override
  public final Source createSource(SourceContext context) {
    return new FileStreamSource(
        format, FileSourceSettings.parse(format, context.options()), context);
  }

  private StructType inferSchema(Tideline session, List<Path> files, FileSourceSettings settings) {
    FileFormat fileFormat = FileFormats.find(format);
    try {
      return fileFormat.inferSchema(files, settings.readOptions(), session.conf());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not read the "
              + format
              + " files at "
              + settings.qualifiedPath()
              + " to infer"
              + " their schema",
          e);
    }
  }

  private static DataType asNullable(DataType type) {
    if (type instanceof StructType s) {
      List<StructField> fields = new ArrayList<>(s.size());
      for (StructField f : s.fields()) {
        fields.add(new StructField(f.name(), asNullable(f.dataType()), true, f.comment()));
      }
      return new StructType(fields);
    }
    if (type instanceof ArrayType a) {
      return new ArrayType(asNullable(a.elementType()), true);
    }
    if (type instanceof MapType m) {
      return new MapType(asNullable(m.keyType()), asNullable(m.valueType()), true);
    }
    return type;
  }
}
