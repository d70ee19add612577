using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using ParquetSharp;
using ParquetSharp.Arrow;
using PhysicalType = ParquetSharp.PhysicalType;

namespace Alimentar.Cli.Tests;

/// <summary>
/// A file rewritten by Arrow C++ (the writer under pyarrow, through ParquetSharp), with every field that holds no null
/// where its parent is present declared non-nullable, so that Arrow writes it REQUIRED at whatever depth it lies:
/// what pyarrow writes for a schema with non-nullable fields, which DuckDB (every field OPTIONAL) never writes.
/// </summary>
internal static class ArrowRewrite
{
    /// <param name="choose">
    /// When given, picks each leaf column's codec and, now and then, an encoding other than dictionary (delta, byte
    /// stream split, RLE booleans) that Arrow C++ accepts for its physical type, and the page size; when not, every
    /// column is Snappy over 512-byte pages.
    /// </param>
    public static void Rewrite(string from, string to, int rowGroupSize, bool dataPageV2, bool dictionary, Random? choose = null)
    {
        var batches = new List<RecordBatch>();
        using (var reader = new FileReader(from))
        using (IArrowArrayStream stream = reader.GetRecordBatchReader())
        {
            while (stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch)
            {
                batches.Add(batch);
            }
        }

        Schema read = batches[0].Schema;
        var nullable = new HashSet<string>(StringComparer.Ordinal);
        foreach (RecordBatch batch in batches)
        {
            for (int c = 0; c < read.FieldsList.Count; c++)
            {
                IArrowArray column = batch.Column(c);
                FindNulls(column, Enumerable.Range(0, column.Length), read.FieldsList[c].Name, nullable);
            }
        }

        var fields = read.FieldsList.Select(f => Retyped(f, f.Name, nullable)).ToList();
        var schema = new Schema(fields, read.Metadata);

        using WriterPropertiesBuilder builder = new WriterPropertiesBuilder()
            .DataPageVersion(dataPageV2 ? ParquetDataPageVersion.V2 : ParquetDataPageVersion.V1)
            .DataPagesize(choose?.Next(3) == 0 ? 8192 : 512)
            .Compression(Compression.Snappy)
            .EnableWritePageIndex();
        _ = dictionary ? builder.EnableDictionary() : builder.DisableDictionary();
        if (choose is not null)
        {
            // The leaves' paths and physical types are Arrow's to decide, so a first write with default settings names them.
            using (var defaults = new WriterPropertiesBuilder())
            {
                Write(to, schema, fields, batches, defaults, rowGroupSize, dispose: false);
            }

            using var written = new ParquetFileReader(to);
            SchemaDescriptor leaves = written.FileMetaData.Schema;
            for (int c = 0; c < leaves.NumColumns; c++)
            {
                ParquetSharp.ColumnDescriptor leaf = leaves.Column(c);
                using ParquetSharp.Schema.ColumnPath path = leaf.Path;
                builder.Compression(path, Codecs[choose.Next(Codecs.Length)]);
                Encoding[] encodings = EncodingsOf(leaf.PhysicalType);
                if (choose.Next(2) == 0 && encodings.Length > 0)
                {
                    builder.DisableDictionary(path);
                    builder.Encoding(path, encodings[choose.Next(encodings.Length)]);
                }
            }
        }

        Write(to, schema, fields, batches, builder, rowGroupSize, dispose: true);
    }

    private static readonly Compression[] Codecs =
        [Compression.Uncompressed, Compression.Snappy, Compression.Gzip, Compression.Brotli, Compression.Zstd, Compression.Lz4, Compression.Lz4Hadoop];

    /// <summary>The encodings Arrow C++ writes for a physical type in place of a dictionary.</summary>
    private static Encoding[] EncodingsOf(PhysicalType type) => type switch
    {
        PhysicalType.Boolean => [Encoding.Rle],
        PhysicalType.Int32 or PhysicalType.Int64 => [Encoding.DeltaBinaryPacked, Encoding.ByteStreamSplit, Encoding.Plain],
        PhysicalType.Float or PhysicalType.Double => [Encoding.ByteStreamSplit, Encoding.Plain],
        PhysicalType.ByteArray => [Encoding.DeltaLengthByteArray, Encoding.DeltaByteArray, Encoding.Plain],
        PhysicalType.FixedLenByteArray => [Encoding.ByteStreamSplit, Encoding.DeltaByteArray, Encoding.Plain],
        _ => [],
    };

    private static void Write(
        string to, Schema schema, List<Field> fields, List<RecordBatch> batches, WriterPropertiesBuilder builder, int rowGroupSize, bool dispose)
    {
        using WriterProperties properties = builder.MaxRowGroupLength(rowGroupSize).Build();
        using var writer = new FileWriter(to, schema, properties);
        foreach (RecordBatch batch in batches)
        {
            IArrowArray[] columns = [.. fields.Select((f, c) => ArrowArrayFactory.BuildArray(Retyped(batch.Column(c).Data, f)))];
            writer.WriteRecordBatch(new RecordBatch(schema, columns, batch.Length));
            if (dispose)
            {
                batch.Dispose();
            }
        }

        writer.Close();
    }

    /// <summary>An Arrow IPC stream's record batches written as Parquet by Arrow C++, which validates every array it writes.</summary>
    public static void WriteIpc(Stream ipc, string to)
    {
        using var reader = new ArrowStreamReader(ipc, leaveOpen: true);
        using var writer = new FileWriter(to, reader.Schema);
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                writer.WriteRecordBatch(batch);
            }
        }

        writer.Close();
    }

    /// <summary>A Parquet file read by Arrow C++ and written again by it, as it read it: what pyarrow makes of another writer's file.</summary>
    public static void Copy(string from, string to)
    {
        using var reader = new FileReader(from);
        using IArrowArrayStream stream = reader.GetRecordBatchReader();
        using var writer = new FileWriter(to, reader.Schema);
        while (stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch)
        {
            using (batch)
            {
                writer.WriteRecordBatch(batch);
            }
        }

        writer.Close();
    }

    /// <summary>Adds to <paramref name="nullable"/> the path of every field with a null among <paramref name="present"/>, the slots whose parents are present.</summary>
    private static void FindNulls(IArrowArray array, IEnumerable<int> present, string path, HashSet<string> nullable)
    {
        var valid = new List<int>();
        foreach (int i in present)
        {
            if (array.IsNull(i))
            {
                nullable.Add(path);
            }
            else
            {
                valid.Add(i);
            }
        }

        switch (array)
        {
            case StructArray record:
                var type = (StructType)record.Data.DataType;
                for (int f = 0; f < type.Fields.Count; f++)
                {
                    FindNulls(record.Fields[f], valid, $"{path}/{type.Fields[f].Name}", nullable);
                }

                break;
            case ListArray list:
                FindNulls(list.Values, valid.SelectMany(i => Enumerable.Range(list.ValueOffsets[i], list.GetValueLength(i))), $"{path}/[]", nullable);
                break;
        }
    }

    private static Field Retyped(Field field, string path, HashSet<string> nullable) =>
        new(field.Name, Retyped(field.DataType, path, nullable), nullable.Contains(path), field.Metadata);

    private static IArrowType Retyped(IArrowType type, string path, HashSet<string> nullable) => type switch
    {
        MapType map => new MapType(
            map.KeyField,
            Retyped(map.ValueField, $"{path}/[]/{map.ValueField.Name}", nullable),
            map.KeySorted),
        ListType list => new ListType(Retyped(list.ValueField, $"{path}/[]", nullable)),
        StructType record => new StructType([.. record.Fields.Select(f => Retyped(f, $"{path}/{f.Name}", nullable))]),
        _ => type,
    };

    /// <summary>
    /// The same buffers under the retyped field; a field made non-nullable loses its validity bitmap, whose nulls lay
    /// only under null parents (Arrow C++ refuses any null in a non-nullable field, even where no value is read).
    /// </summary>
    private static ArrayData Retyped(ArrayData data, Field field)
    {
        Field[] childFields = field.DataType switch
        {
            MapType map => [new Field("key_value", map.KeyValueType, nullable: false)],
            ListType list => [list.ValueField],
            StructType record => [.. record.Fields],
            _ => [],
        };
        ArrayData[] children = [.. (data.Children ?? []).Select((child, i) => Retyped(child, childFields[i]))];
        ArrowBuffer[] buffers = [.. data.Buffers];
        int nullCount = data.NullCount;
        if (!field.IsNullable && nullCount != 0)
        {
            buffers[0] = ArrowBuffer.Empty;
            nullCount = 0;
        }

        return new ArrayData(field.DataType, data.Length, nullCount, data.Offset, buffers, children, data.Dictionary);
    }
}
