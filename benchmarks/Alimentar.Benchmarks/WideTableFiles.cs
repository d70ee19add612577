namespace Alimentar.Benchmarks;

/// <summary>The wide numeric tables of the wide-table suites, written by Arrow C++ (ParquetSharp), and their peer's read.</summary>
internal static class WideTableFiles
{
    /// <summary>
    /// A table of <paramref name="columns"/> DOUBLE columns as Arrow C++ writes it (Snappy, one row group): values with
    /// three decimals, as measurements are. Written once per size and kept in the temp folder.
    /// </summary>
    /// <param name="columns">How many columns.</param>
    /// <param name="rows">How many rows.</param>
    /// <param name="name">The name of each column, by its index, as the row type names its members.</param>
    public static string Write(int columns, int rows, Func<int, string> name)
    {
        string path = Path.Combine(Path.GetTempPath(), $"alimentar-bench-wide-{columns}x{rows}.parquet");
        if (File.Exists(path))
        {
            return path;
        }

        var schema = Enumerable.Range(0, columns).Select(c => (ParquetSharp.Column)new ParquetSharp.Column<double>(name(c))).ToArray();
        using ParquetSharp.WriterProperties properties = new ParquetSharp.WriterPropertiesBuilder().Compression(ParquetSharp.Compression.Snappy).Build();
        string partial = path + ".tmp";
        using (var writer = new ParquetSharp.ParquetFileWriter(partial, schema, properties))
        {
            var random = new Random(columns);
            var values = new double[rows];
            using ParquetSharp.RowGroupWriter rowGroup = writer.AppendRowGroup();
            for (int c = 0; c < columns; c++)
            {
                for (int i = 0; i < rows; i++)
                {
                    values[i] = Math.Round(random.NextDouble() * 1_000, 3);
                }

                using ParquetSharp.LogicalColumnWriter<double> column = rowGroup.NextColumn().LogicalWriter<double>();
                column.WriteBatch(values);
            }

            writer.Close();
        }

        File.Move(partial, path, overwrite: true);
        return path;
    }

    /// <summary>Every value of the file summed through ParquetSharp's column readers (Arrow C++), all columns in step, <paramref name="valuesPerRead"/> at a time.</summary>
    public static double SumWithParquetSharp(string path, int columns, int valuesPerRead)
    {
        using var file = new ParquetSharp.ParquetFileReader(path);
        var buffer = new double[valuesPerRead];
        double sum = 0;
        for (int g = 0; g < file.FileMetaData.NumRowGroups; g++)
        {
            using ParquetSharp.RowGroupReader rowGroup = file.RowGroup(g);
            long rows = rowGroup.MetaData.NumRows;
            ParquetSharp.LogicalColumnReader<double>[] readers = [.. Enumerable.Range(0, columns).Select(c => rowGroup.Column(c).LogicalReader<double>())];
            try
            {
                for (long done = 0; done < rows;)
                {
                    int read = 0;
                    foreach (ParquetSharp.LogicalColumnReader<double> reader in readers)
                    {
                        read = reader.ReadBatch(buffer);
                        sum += WideRowColumns.Sum(buffer.AsSpan(0, read));
                    }

                    done += read;
                }
            }
            finally
            {
                foreach (ParquetSharp.LogicalColumnReader<double> reader in readers)
                {
                    reader.Dispose();
                }
            }
        }

        return sum;
    }
}
