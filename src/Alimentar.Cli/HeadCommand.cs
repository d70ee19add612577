using Spectre.Console;

namespace Alimentar.Cli;

/// <summary><c>alimentar head FILE|DIRECTORY [-n 10] [-c a,b] [--vertical]</c>: the first rows, as a table or one block per row.</summary>
internal sealed class HeadCommand(IAnsiConsole console)
{
    /// <summary>A table column's borders and padding: a bar and a space either side of the text.</summary>
    private const int ColumnChrome = 3;

    public async Task<int> RunAsync(CliInput file, int rows, string? columns, bool vertical, CancellationToken cancellationToken)
    {
        ParquetScan scan = await HeadAsync(file, Math.Max(0, rows), cancellationToken);
        if (!TryChoose(scan.Columns, columns, out int[] chosen, out string? unknown))
        {
            console.MarkupLineInterpolated($"[red]No column '{unknown}' in {file.ShortName}. Its columns: {string.Join(", ", scan.Columns)}.[/]");
            return ExitCodes.BadPath;
        }

        string[] names = chosen.Select(c => scan.Columns[c]).ToArray();
        string[][] cells = scan.Head.Select(row => chosen.Select(c => Show(row[c])).ToArray()).ToArray();
        if (vertical || NaturalWidth(names, cells) > console.Profile.Width)
        {
            WriteBlocks(names, cells);
        }
        else
        {
            WriteTable(names, cells);
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// The first rows of a file, or of a dataset's files in the order it reads them: the columns every file names, in the
    /// order they first appear, a column a file lacks null in its rows, and the keys of Hive partition directories
    /// (<c>year=2024</c>) as columns of their text, as a row type's members would read them (a file's own column of that
    /// name wins).
    /// </summary>
    private static async Task<ParquetScan> HeadAsync(CliInput input, int rows, CancellationToken cancellationToken)
    {
        if (!input.IsDataset)
        {
            return await input.ScanAsync(rows, headOnly: true, progress: null, cancellationToken);
        }

        var names = new List<string>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var head = new List<object?[]>();
        foreach (CliInput file in input.Files)
        {
            if (head.Count >= rows && names.Count > 0)
            {
                break;
            }

            ParquetScan scan = await file.ScanAsync(rows - head.Count, headOnly: true, progress: null, cancellationToken);
            int[] at = [.. scan.Columns.Select(name => positions.TryGetValue(name, out int position) ? position : AddColumn(name))];
            (string Key, string? Value)[] partitions = [.. file.Partitions.Where(p => !scan.Columns.Contains(p.Key, StringComparer.Ordinal))];
            int[] partitionAt = [.. partitions.Select(p => positions.TryGetValue(p.Key, out int position) ? position : AddColumn(p.Key))];
            foreach (object?[] row in scan.Head)
            {
                var placed = new object?[names.Count];
                for (int c = 0; c < at.Length; c++)
                {
                    placed[at[c]] = row[c];
                }

                for (int p = 0; p < partitions.Length; p++)
                {
                    placed[partitionAt[p]] = partitions[p].Value;
                }

                head.Add(placed);
            }
        }

        // Rows read before a later file added columns hold nulls for them.
        return new ParquetScan(names, head.Count, [.. head.Select(row => row.Length == names.Count ? row : [.. row, .. new object?[names.Count - row.Length]])]);

        int AddColumn(string name)
        {
            positions[name] = names.Count;
            names.Add(name);
            return names.Count - 1;
        }
    }

    /// <summary>A cell of the table: a value as <see cref="ValueText"/> shows it.</summary>
    public static string Show(object? value) => ValueText.Of(value);

    /// <summary>
    /// The columns to show, in the order asked (all when <paramref name="list"/> is empty): by exact name, else ignoring
    /// case, else every leaf under a group of that name; false with the first name that matches none.
    /// </summary>
    private static bool TryChoose(IReadOnlyList<string> columns, string? list, out int[] chosen, out string? unknown)
    {
        unknown = null;
        string[] asked = (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (asked.Length == 0)
        {
            chosen = Enumerable.Range(0, columns.Count).ToArray();
            return true;
        }

        var found = new List<int>();
        foreach (string name in asked)
        {
            int index = IndexOf(columns, name, StringComparison.Ordinal);
            index = index >= 0 ? index : IndexOf(columns, name, StringComparison.OrdinalIgnoreCase);
            if (index >= 0)
            {
                found.Add(index);
                continue;
            }

            // A group's name shows every leaf under it (`-c address` for address/city and address/zip).
            int before = found.Count;
            for (int i = 0; i < columns.Count; i++)
            {
                if (columns[i].StartsWith(name + "/", StringComparison.OrdinalIgnoreCase))
                {
                    found.Add(i);
                }
            }

            if (found.Count == before)
            {
                unknown = name;
                chosen = [];
                return false;
            }
        }

        chosen = [.. found];
        return true;
    }

    /// <summary>The width a table of these cells takes with no value wrapped.</summary>
    private static int NaturalWidth(IReadOnlyList<string> names, IReadOnlyList<string[]> cells)
    {
        int width = 1;
        for (int column = 0; column < names.Count; column++)
        {
            int widest = names[column].Length;
            foreach (string[] row in cells)
            {
                widest = Math.Max(widest, row[column].Length);
            }

            width += widest + ColumnChrome;
        }

        return width;
    }

    private static int IndexOf(IReadOnlyList<string> columns, string name, StringComparison comparison)
    {
        for (int i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i], name, comparison))
            {
                return i;
            }
        }

        return -1;
    }

    private void WriteTable(string[] names, string[][] cells)
    {
        var table = new Table();
        foreach (string name in names)
        {
            table.AddColumn(Markup.Escape(name));
        }

        foreach (string[] row in cells)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        console.Write(table);
    }

    /// <summary>One block per row, a line per column: what a file too wide for the terminal can still be read in.</summary>
    private void WriteBlocks(string[] names, string[][] cells)
    {
        for (int row = 0; row < cells.Length; row++)
        {
            console.Write(new Rule($"row {row + 1}") { Justification = Justify.Left });
            var grid = new Grid();
            grid.AddColumn(new GridColumn().NoWrap());
            grid.AddColumn();
            for (int column = 0; column < names.Length; column++)
            {
                grid.AddRow(Markup.Escape(names[column]), Markup.Escape(cells[row][column]));
            }

            console.Write(grid);
        }
    }
}
