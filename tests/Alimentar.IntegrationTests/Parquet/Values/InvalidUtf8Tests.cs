using System.Runtime.InteropServices;
using Encoding = System.Text.Encoding;
using ParquetSharp;
using ParquetSharp.Schema;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record TextRow(long Id, string? Text);

[StreamingDataset]
public partial record TextBytesRow(long Id, byte[]? Text);

/// <summary>
/// STRING values that are not UTF-8, which writers that do not validate (Arrow C++, parquet-mr) store as given: a
/// string member reads each invalid sequence as U+FFFD, as .NET's UTF-8 decoder does everywhere, rather than refusing
/// the file (DuckDB refuses it, so one bad value costs the whole file); a <c>byte[]</c> member reads the bytes
/// exactly, and a filter for U+FFFD finds them past bounds that hold the stored bytes. Written, a string's unpaired
/// surrogate becomes U+FFFD, so every file written holds valid UTF-8.
/// </summary>
public sealed class InvalidUtf8Tests
{
    private static readonly byte[][] Stored =
    [
        "plain"u8.ToArray(),
        [(byte)'a', 0xFF, (byte)'b'],
        [0xC3],
        [0xED, 0xA0, 0x80],
        "caf\u00e9"u8.ToArray(),
    ];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_string_member_reads_invalid_sequences_as_the_replacement_character_and_bytes_read_exactly(bool dictionary)
    {
        using var file = new TempFile();
        Write(file.Path, dictionary, rowGroupSize: Stored.Length);

        List<TextRow> strings = ParquetFiles.ReadAll(new ParquetSource<TextRow>(file.Path));
        List<TextBytesRow> bytes = ParquetFiles.ReadAll(new ParquetSource<TextBytesRow>(file.Path));

        Assert.Equal(Stored.Select(value => Encoding.UTF8.GetString(value)), strings.Select(r => r.Text));
        Assert.Equal("a\uFFFDb", strings[1].Text);
        Assert.Equal("caf\u00e9", strings[4].Text);
        Assert.Equal(Stored, bytes.Select(r => r.Text));
    }

    [Fact]
    public void A_filter_for_the_replacement_character_finds_the_values_read_as_it_whatever_their_bounds_say()
    {
        // One value a row group: the bounds of row group 1 are "a" 0xFF "b", which sort after the constant's UTF-8 bytes
        // (EF BF BD for U+FFFD), yet the row reads as the constant.
        using var file = new TempFile();
        Write(file.Path, dictionary: false, rowGroupSize: 1);

        var equal = new ParquetSource<TextRow>(file.Path).Where(r => r.Text == "a\uFFFDb");
        var prefixed = new ParquetSource<TextRow>(file.Path).Where(r => r.Text!.StartsWith("a\uFFFD", StringComparison.Ordinal));
        var set = new ParquetSource<TextRow>(file.Path).Where(r => new[] { "a\uFFFDb", "none" }.Contains(r.Text));

        Assert.Equal(1, Assert.Single(ParquetFiles.ReadAll(equal)).Id);
        Assert.Equal(1, Assert.Single(ParquetFiles.ReadAll(prefixed)).Id);
        Assert.Equal(1, Assert.Single(ParquetFiles.ReadAll(set)).Id);

        // A constant without U+FFFD still prunes by the bounds.
        var plain = new ParquetSource<TextRow>(file.Path).Where(r => r.Text == "plain");
        Assert.Equal(0, Assert.Single(ParquetFiles.ReadAll(plain)).Id);
        Assert.True(plain.Explain().RowGroups.Where(g => g.Kept).Select(g => g.Index).SequenceEqual([0]), plain.Explain().ToString());
    }

    [Fact]
    public async Task An_unpaired_surrogate_is_written_as_the_replacement_character()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<TextRow>.WriteFileAsync(file.Path, [new TextRow(0, "x\uD800y"), new TextRow(1, "\uD83D\uDE00")]);

        List<TextBytesRow> bytes = ParquetFiles.ReadAll(new ParquetSource<TextBytesRow>(file.Path));

        Assert.Equal([(byte)'x', 0xEF, 0xBF, 0xBD, (byte)'y'], bytes[0].Text);
        Assert.Equal("\uD83D\uDE00"u8.ToArray(), bytes[1].Text);
    }

    /// <summary>Writes an id and a STRING column holding <see cref="Stored"/> as given, with or without a dictionary.</summary>
    private static void Write(string path, bool dictionary, int rowGroupSize)
    {
        var schema = new GroupNode("schema", Repetition.Required, [
            new PrimitiveNode("Id", Repetition.Required, LogicalType.None(), PhysicalType.Int64),
            new PrimitiveNode("Text", Repetition.Optional, LogicalType.String(), PhysicalType.ByteArray),
        ]);
        GCHandle[] pinned = [.. Stored.Select(value => GCHandle.Alloc(value, GCHandleType.Pinned))];
        try
        {
            var properties = new WriterPropertiesBuilder();
            properties = dictionary ? properties.EnableDictionary() : properties.DisableDictionary();
            using var writer = new ParquetFileWriter(path, schema, properties.Build());
            foreach (int[] rows in Enumerable.Range(0, Stored.Length).Chunk(rowGroupSize))
            {
                using RowGroupWriter rowGroup = writer.AppendRowGroup();
                using (var ids = (ColumnWriter<long>)rowGroup.NextColumn())
                {
                    ids.WriteBatch([.. rows.Select(i => (long)i)]);
                }

                using var values = (ColumnWriter<ByteArray>)rowGroup.NextColumn();
                values.WriteBatch(rows.Length, [.. rows.Select(_ => (short)1)], null, [.. rows.Select(i => new ByteArray(pinned[i].AddrOfPinnedObject(), Stored[i].Length))]);
            }

            writer.Close();
        }
        finally
        {
            foreach (GCHandle handle in pinned)
            {
                handle.Free();
            }
        }
    }
}
