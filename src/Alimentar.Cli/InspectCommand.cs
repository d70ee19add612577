using System.Globalization;
using Spectre.Console;

namespace Alimentar.Cli;

/// <summary><c>alimentar inspect FILE</c>: schema and encodings, row groups, codecs and column statistics.</summary>
internal sealed class InspectCommand(IAnsiConsole console)
{
    /// <summary>Writers' "created by" strings can be hundreds of characters; the summary line shows this many.</summary>
    private const int CreatedByShown = 80;

    public async Task<int> RunAsync(CliInput file, CancellationToken cancellationToken)
    {
        if (file.IsDataset)
        {
            return await RunDatasetAsync(file, cancellationToken);
        }

        ParquetFileInfo info = await file.ReadInfoAsync(cancellationToken);
        console.MarkupLineInterpolated($"[bold]{file.Display}[/]");
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{info.Length:N0} bytes, {info.RowCount:N0} rows in {info.RowGroups.Count} row groups, written by {Shorten(info.CreatedBy ?? "an unknown writer", CreatedByShown)}");

        if (info.Schema.Any(node => node.Children.Count > 0))
        {
            // Nested data reads better as the tree the file declares: structs, lists and maps with their fields.
            var tree = new Tree("[bold]schema[/]");
            foreach (ParquetSchemaNode node in info.Schema)
            {
                AddNode(tree.AddNode(Label(node)), node);
            }

            console.Write(tree);
        }

        var schema = new Table().AddColumns("Column", "Type", "Repetition", "C# member", "Encodings");
        foreach (ParquetColumnInfo column in info.Columns)
        {
            schema.AddRow(Markup.Escape(column.Path), Markup.Escape(column.Type), column.Repetition, Markup.Escape(column.MemberType), Markup.Escape(string.Join(", ", column.Encodings)));
        }

        console.Write(schema);

        var groups = new Table().AddColumns("Row group", "Rows", "Compressed", "Uncompressed", "Codecs");
        int columns = info.Columns.Count;
        var nulls = new long?[columns];
        var minimums = new object?[columns];
        var maximums = new object?[columns];
        for (int g = 0; g < info.RowGroups.Count; g++)
        {
            ParquetRowGroupInfo rowGroup = info.RowGroups[g];
            groups.AddRow(
                g.ToString(CultureInfo.InvariantCulture),
                rowGroup.RowCount.ToString("N0", CultureInfo.InvariantCulture),
                rowGroup.CompressedSize.ToString("N0", CultureInfo.InvariantCulture),
                rowGroup.UncompressedSize.ToString("N0", CultureInfo.InvariantCulture),
                string.Join(", ", rowGroup.Codecs));
            for (int c = 0; c < columns && c < rowGroup.Statistics.Count; c++)
            {
                ParquetColumnStatistics statistics = rowGroup.Statistics[c];
                nulls[c] = statistics.NullCount is { } n ? (nulls[c] ?? 0) + n : nulls[c];
                minimums[c] = Extreme(minimums[c], statistics.Min, smaller: true);
                maximums[c] = Extreme(maximums[c], statistics.Max, smaller: false);
            }
        }

        console.Write(groups);

        var statisticsTable = new Table().AddColumns("Column", "Nulls", "Min", "Max");
        for (int c = 0; c < columns; c++)
        {
            statisticsTable.AddRow(Markup.Escape(info.Columns[c].Path), nulls[c]?.ToString("N0", CultureInfo.InvariantCulture) ?? "-", Show(minimums[c]), Show(maximums[c]));
        }

        console.Write(statisticsTable);
        return ExitCodes.Success;
    }

    /// <summary>
    /// A directory: its files with their rows, row groups, sizes and writers, then the columns of all of them (each with
    /// the files that hold it, when not all do, and every type it has across them), so a dataset that grew or changed
    /// shows where.
    /// </summary>
    private async Task<int> RunDatasetAsync(CliInput dataset, CancellationToken cancellationToken)
    {
        List<(CliInput File, ParquetFileInfo Info)> infos = await dataset.ReadInfosAsync(cancellationToken);

        console.MarkupLineInterpolated($"[bold]{dataset.Display}[/]");
        long deleted = infos.Sum(f => f.File.DeletedRows);
        if (dataset.DeltaVersion is { } version)
        {
            // The files are those the table's log names at its version, their columns under the table's names.
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Delta Lake table at version {version:N0}: the files its log names, {infos.Sum(f => f.Info.RowCount) - deleted:N0} rows after its deletion vectors delete {deleted:N0}");
        }

        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{infos.Count:N0} files, {infos.Sum(f => f.Info.Length):N0} bytes, {infos.Sum(f => f.Info.RowCount):N0} rows in {infos.Sum(f => f.Info.RowGroups.Count):N0} row groups");

        // A Delta table's partition values are its log's, which a file's path need not show (column mapping keeps files in random folders).
        bool partitioned = dataset.DeltaVersion is not null && infos.Any(f => f.File.Partitions.Any());
        var files = new Table().AddColumns("File", "Rows", "Row groups", "Bytes", "Written by");
        if (partitioned)
        {
            files.AddColumn("Partition");
        }

        foreach ((CliInput file, ParquetFileInfo info) in infos)
        {
            string[] partition = partitioned ? [Markup.Escape(string.Join(", ", file.Partitions.Select(p => $"{p.Key}={p.Value ?? "null"}")))] : [];
            files.AddRow([
                Markup.Escape(file.ShortName),
                file.DeletedRows > 0
                    ? $"{info.RowCount.ToString("N0", CultureInfo.InvariantCulture)} ({file.DeletedRows.ToString("N0", CultureInfo.InvariantCulture)} deleted)"
                    : info.RowCount.ToString("N0", CultureInfo.InvariantCulture),
                info.RowGroups.Count.ToString(CultureInfo.InvariantCulture),
                info.Length.ToString("N0", CultureInfo.InvariantCulture),
                Markup.Escape(Shorten(info.CreatedBy ?? "unknown", CreatedByShown / 2)),
                .. partition]);
        }

        console.Write(files);

        // Columns in the order the files first name them; a column's types are each one its files give it.
        var columns = new Table().AddColumns("Column", "Type", "Repetition", "C# member", "In files");
        foreach (IGrouping<string, (ParquetColumnInfo Column, int File)> column in infos
            .SelectMany((f, i) => f.Info.Columns.Select(c => (Column: c, File: i)))
            .GroupBy(c => c.Column.Path, StringComparer.Ordinal))
        {
            int holding = column.Select(c => c.File).Distinct().Count();
            columns.AddRow(
                Markup.Escape(column.Key),
                Markup.Escape(string.Join(" | ", column.Select(c => c.Column.Type).Distinct())),
                string.Join(" | ", column.Select(c => c.Column.Repetition).Distinct()),
                Markup.Escape(string.Join(" | ", column.Select(c => c.Column.MemberType).Distinct())),
                holding == infos.Count ? "all" : $"{holding} of {infos.Count}");
        }

        console.Write(columns);
        return ExitCodes.Success;
    }

    /// <summary>Text cut to <paramref name="most"/> characters with an ellipsis, so one long value cannot break a layout.</summary>
    internal static string Shorten(string text, int most) => text.Length <= most ? text : text[..(most - 3)] + "...";

    private static object? Extreme(object? current, object? candidate, bool smaller)
    {
        if (candidate is null)
        {
            return current;
        }

        if (current is null || Order(current, candidate) is not int order)
        {
            return current ?? candidate;
        }

        return (smaller ? order > 0 : order < 0) ? candidate : current;
    }

    /// <summary>
    /// How two bounds order as Parquet orders them: text and bytes by their bytes (a string's culture order would pick
    /// another row group's bound than the file's), everything else by its own order; null when they do not compare.
    /// </summary>
    private static int? Order(object current, object candidate) => (current, candidate) switch
    {
        (string a, string b) => string.CompareOrdinal(a, b),
        (byte[] a, byte[] b) => a.AsSpan().SequenceCompareTo(b),
        _ when current.GetType() == candidate.GetType() && current is IComparable comparable => comparable.CompareTo(candidate),
        _ => null,
    };

    private static string Show(object? value) => value is string text ? Markup.Escape(Shorten(text, 40)) : Markup.Escape(ValueText.Of(value, "-"));

    private static void AddNode(TreeNode parent, ParquetSchemaNode node)
    {
        foreach (ParquetSchemaNode child in node.Children)
        {
            AddNode(parent.AddNode(Label(child)), child);
        }
    }

    private static string Label(ParquetSchemaNode node) => node.MemberType is null
        ? $"{Markup.Escape(node.Name)}: {Markup.Escape(node.Type)} {node.Repetition}"
        : $"{Markup.Escape(node.Name)}: {Markup.Escape(node.Type)} {node.Repetition} [dim]→ {Markup.Escape(node.MemberType)}[/]";
}
