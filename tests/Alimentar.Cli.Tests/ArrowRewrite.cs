using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace Alimentar.Cli.Tests;

/// <summary>
/// A file rewritten by Arrow C++ (the writer under pyarrow, through ParquetSharp), with every field that holds no null
/// where its parent is present declared non-nullable, so that Arrow writes it REQUIRED at whatever depth it lies:
/// what pyarrow writes for a schema with non-nullable fields, which DuckDB (every field OPTIONAL) never writes.
/// </summary>
internal static class ArrowRewrite
{
    public static void Rewrite(string from, string to, int rowGroupSize, bool dataPageV2, bool dictionary)
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
            .Compression(Compression.Snappy)
            .DataPageVersion(dataPageV2 ? ParquetDataPageVersion.V2 : ParquetDataPageVersion.V1)
            .DataPagesize(512)
            .MaxRowGroupLength(rowGroupSize)
            .EnableWritePageIndex();
        using WriterProperties properties = (dictionary ? builder.EnableDictionary() : builder.DisableDictionary()).Build();
        using var writer = new FileWriter(to, schema, properties);
        foreach (RecordBatch batch in batches)
        {
            using (batch)
            {
                IArrowArray[] columns = [.. fields.Select((f, c) => ArrowArrayFactory.BuildArray(Retyped(batch.Column(c).Data, f)))];
                writer.WriteRecordBatch(new RecordBatch(schema, columns, batch.Length));
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
