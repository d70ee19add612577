using System.Reflection;
using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace Alimentar.Cli.Tests;

/// <summary>
/// A file rewritten column by column through Parquet.Net's raw level API (each leaf's values with their definition and
/// repetition levels, under the schema Parquet.Net reads from the file), so that a shape is read as Parquet.Net lays
/// it out: its pages, statistics and dictionaries, a random codec, and column by column at random DELTA_BINARY_PACKED
/// or BYTE_STREAM_SPLIT. Every other seed hands each column over as Parquet.Net's raw reads give it, one value per level
/// with the present ones first (zeros after them), which writes pages holding more values than their levels use.
/// </summary>
internal static class ParquetNetRewrite
{
    private static readonly CompressionMethod[] Codecs =
        [CompressionMethod.None, CompressionMethod.Snappy, CompressionMethod.Gzip, CompressionMethod.Zstd, CompressionMethod.Brotli, CompressionMethod.Lz4Raw];

    private static readonly MethodInfo CopyColumn = typeof(ParquetNetRewrite).GetMethod(nameof(CopyAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static void Rewrite(string from, string to, int seed)
    {
        try
        {
            RewriteAsync(from, to, seed).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is ParquetException or TargetInvocationException)
        {
            throw new InvalidOperationException($"Parquet.Net could not rewrite shape {seed}: {e.GetBaseException().Message}", e);
        }
    }

    private static async Task RewriteAsync(string from, string to, int seed)
    {
        var random = new Random(seed);
        await using FileStream input = File.OpenRead(from);
        await using ParquetReader reader = await ParquetReader.CreateAsync(input);
        var options = new ParquetOptions { CompressionMethod = Codecs[random.Next(Codecs.Length)] };
        foreach (DataField field in reader.Schema.GetDataFields())
        {
            var hint = (EncodingHint)random.Next(4);

            // Parquet.Net splits a 16-bit integer into two streams where its INT32 column needs four, a page no reader
            // reads (Arrow C++ and DuckDB refuse it too); 8-bit integers are kept from it alike.
            bool narrow = field.ClrType == typeof(short) || field.ClrType == typeof(ushort) || field.ClrType == typeof(sbyte) || field.ClrType == typeof(byte);
            options.ColumnEncodingHints[field.Path.ToString()] = hint == EncodingHint.ByteSplitStream && narrow ? EncodingHint.Default : hint;
        }

        bool everyLevel = seed % 2 == 1;
        await using FileStream output = File.Create(to);
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(reader.Schema, output, options);
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader rowGroup = reader.OpenRowGroupReader(g);
            using ParquetRowGroupWriter written = writer.CreateRowGroup();
            foreach (DataField field in reader.Schema.GetDataFields())
            {
                using RawColumnData column = await rowGroup.ReadRawColumnDataBaseAsync(field);
                Type values = column.GetType().GetGenericArguments()[0];
                await (Task)CopyColumn.MakeGenericMethod(values).Invoke(null, [written, field, column, everyLevel])!;
            }
        }
    }

    private static async Task CopyAsync<T>(ParquetRowGroupWriter writer, DataField field, RawColumnData column, bool everyLevel)
        where T : struct
    {
        var typed = (RawColumnData<T>)column;
        int[]? definitions = field.MaxDefinitionLevel > 0 ? typed.DefinitionLevels.ToArray() : null;
        int[]? repetitions = field.MaxRepetitionLevel > 0 ? typed.RepetitionLevels.ToArray() : null;
        int present = definitions is null ? typed.Values.Length : definitions.Count(level => level == field.MaxDefinitionLevel);

        // What lies past the present values is pooled memory, which Parquet.Net's writer would refuse as a decimal: zeros.
        T[] values = everyLevel ? [.. typed.Values[..present], .. new T[typed.Values.Length - present]] : typed.Values[..present].ToArray();
        await writer.WriteAllPartsAsync<T>(field, values, definitions, repetitions, CancellationToken.None);
    }
}
