using System.Globalization;
using Alimentar.ParquetBinding;
using Alimentar.ParquetBinding.Metadata;
using Spectre.Console;

namespace Alimentar.Cli;

/// <summary><c>alimentar inspect FILE</c>: schema, row groups, codecs and column statistics.</summary>
internal sealed class InspectCommand(IAnsiConsole console)
{
    /// <summary>Writers' "created by" strings can be hundreds of characters; the summary line shows this many.</summary>
    private const int CreatedByShown = 80;

    public async Task<int> RunAsync(FileInfo file, CancellationToken cancellationToken)
    {
        CliApplication.RequireFile(file);
        await using ParquetFile parquet = await ParquetFile.OpenAsync(file.FullName, cancellationToken);
        FileMetadata meta = parquet.Metadata;
        string createdBy = meta.CreatedBy ?? "an unknown writer";
        if (createdBy.Length > CreatedByShown)
        {
            createdBy = createdBy[..(CreatedByShown - 3)] + "...";
        }

        console.MarkupLineInterpolated($"[bold]{file.FullName}[/]");
        console.MarkupLineInterpolated($"{file.Length:N0} bytes, {meta.RowCount:N0} rows in {parquet.RowGroupCount} row groups, written by {createdBy}");

        IReadOnlyList<LeafColumn> fields = parquet.Schema.Leaves;
        var schema = new Table().AddColumns("Column", "Type", "Repetition", "C# member");
        foreach (LeafColumn field in fields)
        {
            string described = ParquetSchemaBinder.Describe(field);
            int split = described.LastIndexOf(' ');
            schema.AddRow(Markup.Escape(field.Path.ToString()), Markup.Escape(described[..split]), described[(split + 1)..], Markup.Escape(RowTypeScaffolder.MemberType(field)));
        }

        console.Write(schema);

        var groups = new Table().AddColumns("Row group", "Rows", "Compressed", "Uncompressed", "Codecs");
        var nulls = new long?[fields.Count];
        var minimums = new object?[fields.Count];
        var maximums = new object?[fields.Count];
        for (int g = 0; g < parquet.RowGroupCount; g++)
        {
            RowGroupMetadata rowGroup = meta.RowGroups[g];
            groups.AddRow(
                g.ToString(CultureInfo.InvariantCulture),
                rowGroup.RowCount.ToString("N0", CultureInfo.InvariantCulture),
                rowGroup.Columns.Sum(c => c.TotalCompressedSize).ToString("N0", CultureInfo.InvariantCulture),
                rowGroup.Columns.Sum(c => c.TotalUncompressedSize).ToString("N0", CultureInfo.InvariantCulture),
                string.Join(", ", rowGroup.Columns.Select(c => c.Codec.ToString().ToUpperInvariant()).Distinct()));
            for (int f = 0; f < fields.Count && f < rowGroup.Columns.Count; f++)
            {
                ColumnStatistics? statistics = rowGroup.Columns[f].Statistics;
                FileColumnType? type = TypeOf(fields[f]);
                nulls[f] = statistics?.NullCount is { } n ? (nulls[f] ?? 0) + n : nulls[f];
                if (type is not null)
                {
                    minimums[f] = Extreme(minimums[f], StatisticsDecoder.Decode(statistics?.MinValue ?? statistics?.LegacyMin, type), smaller: true);
                    maximums[f] = Extreme(maximums[f], StatisticsDecoder.Decode(statistics?.MaxValue ?? statistics?.LegacyMax, type), smaller: false);
                }
            }
        }

        console.Write(groups);

        var statisticsTable = new Table().AddColumns("Column", "Nulls", "Min", "Max");
        for (int f = 0; f < fields.Count; f++)
        {
            statisticsTable.AddRow(Markup.Escape(fields[f].Path.ToString()), nulls[f]?.ToString("N0", CultureInfo.InvariantCulture) ?? "-", Show(minimums[f]), Show(maximums[f]));
        }

        console.Write(statisticsTable);
        return ExitCodes.Success;
    }

    private static FileColumnType? TypeOf(LeafColumn field)
    {
        try
        {
            return FileColumnType.Of(field.Element);
        }
        catch (InvalidDataException)
        {
            // A column whose type cannot be read still gets its row in the tables, without statistics.
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
        byte[] bytes => Markup.Escape(bytes.Length > 16 ? Convert.ToHexString(bytes.AsSpan(0, 16)) + "..." : Convert.ToHexString(bytes)),
        string text => Markup.Escape(text.Length > 40 ? text[..37] + "..." : text),
        DateTime time => time.ToString(time.Kind == DateTimeKind.Utc ? "yyyy-MM-dd HH:mm:ss.FFFFFFF'Z'" : "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        IFormattable formattable => Markup.Escape(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => Markup.Escape(value.ToString() ?? "-"),
    };
}
