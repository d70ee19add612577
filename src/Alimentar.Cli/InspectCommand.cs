using System.Globalization;
using Alimentar.ParquetBinding;
using Parquet;
using Parquet.Data;
using Parquet.Meta;
using Parquet.Schema;
using Spectre.Console;

namespace Alimentar.Cli;

/// <summary><c>alimentar inspect FILE</c>: schema, row groups, codecs and column statistics.</summary>
internal sealed class InspectCommand(IAnsiConsole console)
{
    public async Task<int> RunAsync(FileInfo file, CancellationToken cancellationToken)
    {
        CliApplication.RequireFile(file);
        await using ParquetFile parquet = await ParquetFile.OpenAsync(file.FullName, cancellationToken);
        FileMetaData? meta = parquet.Reader.Metadata;
        console.MarkupLineInterpolated($"[bold]{file.FullName}[/]");
        console.MarkupLineInterpolated($"{file.Length:N0} bytes, {meta?.NumRows ?? 0:N0} rows in {parquet.RowGroupCount} row groups, written by {meta?.CreatedBy ?? "an unknown writer"}");

        DataField[] fields = parquet.Schema.GetDataFields();
        var schema = new Table().AddColumns("Column", "Type", "Repetition", "C# member");
        foreach (DataField field in fields)
        {
            string described = ParquetSchemaBinder.Describe(field);
            int split = described.LastIndexOf(' ');
            schema.AddRow(Markup.Escape(field.Path.ToString()), Markup.Escape(described[..split]), described[(split + 1)..], Markup.Escape(RowTypeScaffolder.MemberType(field)));
        }

        console.Write(schema);

        var groups = new Table().AddColumns("Row group", "Rows", "Compressed", "Uncompressed", "Codecs");
        var nulls = new long?[fields.Length];
        var minimums = new object?[fields.Length];
        var maximums = new object?[fields.Length];
        for (int g = 0; g < parquet.RowGroupCount; g++)
        {
            using ParquetRowGroupReader rowGroup = parquet.Reader.OpenRowGroupReader(g);
            var chunks = rowGroup.RowGroup.Columns.Select(c => c.MetaData).OfType<ColumnMetaData>().ToArray();
            groups.AddRow(
                g.ToString(CultureInfo.InvariantCulture),
                rowGroup.RowCount.ToString("N0", CultureInfo.InvariantCulture),
                chunks.Sum(c => c.TotalCompressedSize).ToString("N0", CultureInfo.InvariantCulture),
                chunks.Sum(c => c.TotalUncompressedSize).ToString("N0", CultureInfo.InvariantCulture),
                string.Join(", ", chunks.Select(c => c.Codec).Distinct()));
            for (int f = 0; f < fields.Length; f++)
            {
                DataColumnStatistics? statistics = TryStatistics(rowGroup, fields[f]);
                nulls[f] = statistics?.NullCount is { } n ? (nulls[f] ?? 0) + n : nulls[f];
                minimums[f] = Extreme(minimums[f], statistics?.MinValue, smaller: true);
                maximums[f] = Extreme(maximums[f], statistics?.MaxValue, smaller: false);
            }
        }

        console.Write(groups);

        var statisticsTable = new Table().AddColumns("Column", "Nulls", "Min", "Max");
        for (int f = 0; f < fields.Length; f++)
        {
            statisticsTable.AddRow(Markup.Escape(fields[f].Path.ToString()), nulls[f]?.ToString("N0", CultureInfo.InvariantCulture) ?? "-", Show(minimums[f]), Show(maximums[f]));
        }

        console.Write(statisticsTable);
        return ExitCodes.Success;
    }

    private static DataColumnStatistics? TryStatistics(ParquetRowGroupReader rowGroup, DataField field)
    {
        try
        {
            return rowGroup.GetStatistics(field);
        }
        catch (Exception)
        {
            // Statistics are optional and some writers store ones Parquet.Net cannot decode; they are only shown.
            return null;
        }
    }

    private static object? Extreme(object? current, object? candidate, bool smaller)
    {
        if (candidate is null)
        {
            return current;
        }

        if (current is null || current.GetType() != candidate.GetType() || current is not IComparable comparable)
        {
            return current ?? candidate;
        }

        int order = comparable.CompareTo(candidate);
        return (smaller ? order > 0 : order < 0) ? candidate : current;
    }

    private static string Show(object? value) => value switch
    {
        null => "-",
        ReadOnlyMemory<byte> bytes => Markup.Escape(bytes.Length > 16 ? Convert.ToHexString(bytes.Span[..16]) + "..." : Convert.ToHexString(bytes.Span)),
        ReadOnlyMemory<char> chars => Markup.Escape(chars.ToString()),
        IFormattable formattable => Markup.Escape(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => Markup.Escape(value.ToString() ?? "-"),
    };
}
