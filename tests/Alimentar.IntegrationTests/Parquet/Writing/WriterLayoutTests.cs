using System.Data.Common;
using System.Globalization;
using Alimentar.Parquet.Format;
using DuckDB.NET.Data;

namespace Alimentar.IntegrationTests;

/// <summary>
/// What the writer claims about its files, as DuckDB's <c>parquet_metadata</c> and Alimentar's own footer parser see
/// it: pages of the page size, encodings, exact statistics, indexes and Bloom filters that readers use to skip
/// bytes, key-value metadata and <c>created_by</c>; and the errors a row that cannot be written gets.
/// </summary>
public sealed class WriterLayoutTests
{
    [Fact]
    public async Task DuckDB_sees_our_codec_encodings_exact_statistics_metadata_and_created_by()
    {
        using var file = new TempFile();
        var options = new ParquetWriteOptions
        {
            RowGroupSize = 5_000,
            Compression = ParquetCompression.Zstd,
            Metadata = new Dictionary<string, string> { ["origin"] = "writer-test" },
            SortingColumns = [new ParquetSortingColumn("Id")],
        };
        await WriterDifferentialTests.WriteAsync(file.Path, Enumerable.Range(0, 12_000).Select(Sensor.Make), options);

        List<object?[]> id = Query($"SELECT compression, encodings, stats_min_value, stats_max_value, stats_null_count FROM parquet_metadata('{file.Path}') WHERE path_in_schema = 'Id' ORDER BY row_group_id");
        Assert.Equal(3, id.Count);
        Assert.All(id, c => Assert.Equal("ZSTD", c[0]));
        Assert.Equal(["0", "4999", "0"], new[] { id[0][2], id[0][3], id[0][4] }.Select(Text));
        Assert.Equal(["10000", "11999"], new[] { id[2][2], id[2][3] }.Select(Text));

        // Unique ids drop the dictionary; delta-packed they take a few bits each, so Auto picks DELTA_BINARY_PACKED.
        Assert.All(id, c => Assert.Contains("DELTA_BINARY_PACKED", Text(c[1]), StringComparison.Ordinal));

        // A column of four values stays in its dictionary; its distinct count is known.
        List<object?[]> name = Query($"SELECT encodings, stats_distinct_count, stats_min_value, stats_max_value FROM parquet_metadata('{file.Path}') WHERE path_in_schema = 'Name' AND row_group_id = 0");
        Assert.Contains("RLE_DICTIONARY", Text(name[0][0]), StringComparison.Ordinal);
        Assert.Equal("4", Text(name[0][1]));
        Assert.Equal(["east", "west"], new[] { name[0][2], name[0][3] }.Select(Text));

        // Unsigned statistics order unsigned, NaN is left out, and nulls are counted.
        List<object?[]> unsigned = Query($"SELECT stats_min_value, stats_max_value FROM parquet_metadata('{file.Path}') WHERE path_in_schema = 'Counter' AND row_group_id = 0");
        Assert.Equal(["9223372036854775809", "18446744073709551615"], unsigned[0].Select(Text));
        List<object?[]> reading = Query($"SELECT stats_min_value, stats_max_value, stats_null_count FROM parquet_metadata('{file.Path}') WHERE path_in_schema = 'Reading' AND row_group_id = 0");
        Assert.Equal(-50.0, double.Parse(Text(reading[0][0]), CultureInfo.InvariantCulture));
        Assert.Equal(49.75, double.Parse(Text(reading[0][1]), CultureInfo.InvariantCulture));
        Assert.Equal("500", Text(reading[0][2]));

        Assert.StartsWith("Alimentar version ", Text(Query($"SELECT created_by FROM parquet_file_metadata('{file.Path}')")[0][0]), StringComparison.Ordinal);
        Assert.Equal("writer-test", Text(Query($"SELECT decode(value) FROM parquet_kv_metadata('{file.Path}') WHERE decode(key) = 'origin'")[0][0]));

        // Parquet.Net shows the sort key recorded in every row group.
        await using global::Parquet.ParquetReader reader = await global::Parquet.ParquetReader.CreateAsync(file.Path);
        Assert.All(reader.Metadata!.RowGroups, g => Assert.Equal(0, Assert.Single(g.SortingColumns!).ColumnIdx));
    }

    [Fact]
    public async Task Boolean_and_uuid_statistics_bound_each_row_group_exactly()
    {
        // Row groups of 1,000: all false, false and true, all true; UUIDs ordered as their big-endian bytes, as text.
        using var file = new TempFile();
        Guid[] uuids = [.. Enumerable.Range(0, 3_000).Select(i => new Guid([.. BitConverter.GetBytes(i * 2_654_435_761L), .. BitConverter.GetBytes(~(long)i)]))];
        await WriterDifferentialTests.WriteAsync(file.Path, Enumerable.Range(0, 3_000).Select(i => new Flagged(i < 1_000 ? false : i >= 2_000 || i % 3 == 0, uuids[i])), new ParquetWriteOptions { RowGroupSize = 1_000 });

        List<object?[]> flags = Query($"SELECT stats_min_value, stats_max_value FROM parquet_metadata('{file.Path}') WHERE path_in_schema = 'Flag' ORDER BY row_group_id");
        Assert.Equal(["false", "false", "false", "true", "true", "true"], flags.SelectMany(f => f).Select(Text).Select(t => t.ToLowerInvariant()));

        List<object?[]> ids = Query($"SELECT stats_min_value, stats_max_value FROM parquet_metadata('{file.Path}') WHERE path_in_schema = 'Key' ORDER BY row_group_id");
        for (int group = 0; group < 3; group++)
        {
            string[] bigEndian = [.. uuids.Skip(group * 1_000).Take(1_000).Select(u => u.ToString()).Order(StringComparer.Ordinal)];
            Assert.Equal(new[] { bigEndian[0], bigEndian[^1] }, ids[group].Select(Text));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Pages_hold_about_the_page_size_and_at_most_the_row_limit_and_the_offset_index_finds_each(bool dataPageV2)
    {
        using var file = new TempFile();
        var options = new ParquetWriteOptions { RowGroupSize = 200_000, PageSize = 64 * 1024, Compression = ParquetCompression.None, Dictionary = false, DataPageV2 = dataPageV2 };
        await WriterDifferentialTests.WriteAsync(file.Path, Enumerable.Range(0, 200_000).Select(Sensor.Make), options);

        (FileMetadata footer, byte[] bytes) = await FooterAsync(file.Path);
        ColumnChunkMetadata id = footer.RowGroups[0].Columns[0];
        OffsetIndex pages = OffsetIndex.Parse(bytes.AsSpan((int)id.OffsetIndexOffset!.Value, id.OffsetIndexLength!.Value));

        // 200,000 longs are 1.6 MB: about 25 pages of 64 KiB, each starting where the last ended.
        Assert.InRange(pages.PageCount, 24, 27);
        Assert.Equal(id.DataPageOffset, pages.Offsets[0]);
        for (int page = 1; page < pages.PageCount; page++)
        {
            Assert.Equal(pages.Offsets[page - 1] + pages.CompressedSizes[page - 1], pages.Offsets[page]);
            Assert.InRange(pages.FirstRows[page] - pages.FirstRows[page - 1], 8_000, 8_200);
        }

        // The row limit cuts pages of small values before the size does.
        using var limited = new TempFile();
        await WriterDifferentialTests.WriteAsync(limited.Path, Enumerable.Range(0, 50_000).Select(Sensor.Make), new ParquetWriteOptions { PageRowLimit = 5_000, DataPageV2 = dataPageV2 });
        (FileMetadata limitedFooter, byte[] limitedBytes) = await FooterAsync(limited.Path);
        ColumnChunkMetadata limitedId = limitedFooter.RowGroups[0].Columns[0];
        OffsetIndex limitedPages = OffsetIndex.Parse(limitedBytes.AsSpan((int)limitedId.OffsetIndexOffset!.Value, limitedId.OffsetIndexLength!.Value));
        Assert.Equal(Enumerable.Range(0, 10).Select(p => p * 5_000L), limitedPages.FirstRows);
    }

    [Fact]
    public async Task Filters_skip_pages_of_our_files_by_their_page_index_and_row_groups_by_their_Bloom_filters()
    {
        using var file = new TempFile();
        var options = new ParquetWriteOptions
        {
            RowGroupSize = 50_000,
            PageRowLimit = 2_000,
            Columns = new Dictionary<string, ParquetColumnOptions> { ["Tag"] = new() { BloomFilterFalsePositiveRate = 0.01, BloomFilterDistinctValues = 50_000 } },
        };
        await WriterDifferentialTests.WriteAsync(file.Path, Enumerable.Range(0, 200_000).Select(Sensor.Make), options);

        long full = Fetched(s => s);
        long pageFiltered = Fetched(s => s.Where(r => r.Id >= 120_000 && r.Id < 121_000));
        Assert.True(pageFiltered < full / 10, $"the page-filtered pass read {pageFiltered} bytes, the full pass {full}");

        // Tags are unique per row and unordered across row groups, so statistics cannot skip; Bloom filters can.
        string present = Sensor.Make(150_123).Tag;
        FilterExplanation explanation = new ParquetSource<Sensor>(file.Path).Where(r => r.Tag == present).Explain();
        Assert.Equal(1, explanation.RowGroups.Count(g => g.Kept));
        Assert.Equal(3, explanation.RowGroups.Count(g => g.Reason.Contains("Bloom", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(150_123, Assert.Single(ParquetFiles.ReadAll(new ParquetSource<Sensor>(file.Path).Where(r => r.Tag == present))).Id);
        long bloomFiltered = Fetched(s => s.Where(r => r.Tag == present));
        Assert.True(bloomFiltered < full / 2, $"the Bloom-filtered pass read {bloomFiltered} bytes, the full pass {full}");

        // DuckDB reads the same filters: the value's row group may hold it, the other three certainly do not.
        List<object?[]> probes = Query($"SELECT row_group_id, bloom_filter_excludes FROM parquet_bloom_probe('{file.Path}', 'Tag', '{present}') ORDER BY row_group_id");
        Assert.Equal([false, false, false, true], probes.Select(p => (bool)p[1]!).Select(excludes => !excludes));

        long Fetched(Func<ParquetSource<Sensor>, ParquetSource<Sensor>> configure)
        {
            using var stream = new CountingStream(File.OpenRead(file.Path));
            _ = ParquetFiles.ReadAll(configure(new ParquetSource<Sensor>(stream, "counted")));
            return stream.BytesRead;
        }
    }

    [Fact]
    public async Task A_Bloom_filter_is_sized_for_the_distinct_values_a_row_group_holds_when_they_are_fewer_than_configured()
    {
        using var file = new TempFile();
        var options = new ParquetWriteOptions
        {
            RowGroupSize = 50_000,
            Columns = new Dictionary<string, ParquetColumnOptions>
            {
                ["Name"] = new() { BloomFilterFalsePositiveRate = 0.01 },
                ["Tag"] = new() { BloomFilterFalsePositiveRate = 0.01, BloomFilterDistinctValues = 50_000 },
            },
        };
        await WriterDifferentialTests.WriteAsync(file.Path, Enumerable.Range(0, 100_000).Select(Sensor.Make), options);
        (FileMetadata footer, _) = await FooterAsync(file.Path);

        // Four names a row group: one 32-byte block, not the 128 KiB sized for the default 100,000 distinct values.
        Assert.All(footer.RowGroups, group => Assert.InRange(group.Columns[1].BloomFilterLength!.Value, 1, 100));
        // 50,000 distinct tags a row group, as configured: the configured 64 KiB bitset.
        Assert.All(footer.RowGroups, group => Assert.InRange(group.Columns[2].BloomFilterLength!.Value, 64 * 1024, 64 * 1024 + 100));

        // Both still answer: present values are kept, absent ones ruled out, and DuckDB reads the small filter too.
        Assert.Equal(25_000, ParquetFiles.ReadAll(new ParquetSource<Sensor>(file.Path).Where(r => r.Name == "east")).Count);
        Assert.All(new ParquetSource<Sensor>(file.Path).Where(r => r.Name == "up").Explain().RowGroups, group => Assert.Contains("Bloom", group.Reason, StringComparison.OrdinalIgnoreCase));
        List<object?[]> probes = Query($"SELECT bloom_filter_excludes FROM parquet_bloom_probe('{file.Path}', 'Name', 'up')");
        Assert.All(probes, probe => Assert.True((bool)probe[0]!));
    }

    [Fact]
    public async Task A_non_nullable_integer_field_of_a_nullable_record_is_not_delta_packed_unless_asked()
    {
        using var file = new TempFile();
        using var asked = new TempFile();
        LayoutRow[] rows = [.. Enumerable.Range(0, 20_000).Select(i => new LayoutRow(i, i % 3 == 0 ? null : new LayoutPair(i * 7, i % 5 == 0 ? null : i)))];
        await ParquetDatasetWriter<LayoutRow>.WriteFileAsync(file.Path, rows);
        var packed = new ParquetWriteOptions { Columns = new Dictionary<string, ParquetColumnOptions> { ["Pair.Required"] = new() { Encoding = ParquetValueEncoding.DeltaBinaryPacked } } };
        await using (var writer = await ParquetDatasetWriter<LayoutRow>.CreateAsync(asked.Path, packed))
        {
            await writer.WriteAsync(rows);
        }

        (FileMetadata footer, _) = await FooterAsync(file.Path);
        (FileMetadata askedFooter, _) = await FooterAsync(asked.Path);

        // Unique ids are delta-packed, as is the nullable field beside it; the non-nullable one Polars cannot read so is not.
        IReadOnlyList<ColumnChunkMetadata> columns = footer.RowGroups[0].Columns;
        Assert.Contains(ParquetEncoding.DeltaBinaryPacked, columns[0].Encodings);
        Assert.DoesNotContain(ParquetEncoding.DeltaBinaryPacked, columns[1].Encodings);
        Assert.Contains(ParquetEncoding.DeltaBinaryPacked, columns[2].Encodings);
        Assert.Contains(ParquetEncoding.DeltaBinaryPacked, askedFooter.RowGroups[0].Columns[1].Encodings);
        Assert.Equal(rows, ParquetFiles.ReadAll(new ParquetSource<LayoutRow>(file.Path)));
        Assert.Equal(rows, ParquetFiles.ReadAll(new ParquetSource<LayoutRow>(asked.Path)));
    }

    [Fact]
    public async Task A_million_row_group_written_by_us_streams_at_the_batch_s_memory_not_the_row_group_s()
    {
        using var file = new TempFile();
        await WriterDifferentialTests.WriteAsync(file.Path, Enumerable.Range(0, 1_000_000).Select(Sensor.Make), new ParquetWriteOptions { RowGroupSize = 1_000_000 });

        using var streaming = new StreamingDataset<Sensor>(new ParquetSource<Sensor>(file.Path).BatchSize(16_384), bufferSize: 2).WithMemoryTracking(true);
        long rows = 0;
        long batchBytes = 0;
        foreach (Batch<Sensor> batch in streaming)
        {
            using (batch)
            {
                rows += batch.Count;
                batchBytes = Math.Max(batchBytes, batch.SizeInBytes);
            }
        }

        // A one-page chunk of a million rows would hold 8 MB per 8-byte column; pages of 20,000 rows hold 160 KB.
        Assert.Equal(1_000_000, rows);
        Assert.True(streaming.PeakMemory < (6 * batchBytes) + (8L << 20), $"peak {streaming.PeakMemory:N0} bytes with batches of {batchBytes:N0}");
    }

    [Fact]
    public async Task Long_string_bounds_are_shortened_to_bounds_that_still_hold_and_filters_keep_every_row()
    {
        using var file = new TempFile();
        string Long(int i) => new string('m', 100) + i.ToString("D5", CultureInfo.InvariantCulture);
        await WriterDifferentialTests.WriteAsync(file.Path, Enumerable.Range(0, 3_000).Select(i => new Sensor(i, "n", Long(i), 0, null)), new ParquetWriteOptions { RowGroupSize = 1_000 });

        List<object?[]> bounds = Query($"SELECT stats_min_value, stats_max_value, min_is_exact, max_is_exact FROM parquet_metadata('{file.Path}') WHERE path_in_schema = 'Tag' ORDER BY row_group_id");
        Assert.All(bounds, b => Assert.True(Text(b[0]).Length <= 64 && Text(b[1]).Length <= 64));
        Assert.All(bounds, b => Assert.False((bool)b[2]!));
        Assert.Equal(new string('m', 63) + "n", Text(bounds[0][1]));

        string wanted = Long(1_500);
        Assert.Equal(1_500, Assert.Single(ParquetFiles.ReadAll(new ParquetSource<Sensor>(file.Path).Where(r => r.Tag == wanted))).Id);
    }

    [Fact]
    public async Task A_null_in_a_member_that_cannot_hold_one_is_an_error_naming_the_member_and_row_and_leaves_no_file()
    {
        using var file = new TempFile();
        Sensor[] rows = [Sensor.Make(0), Sensor.Make(1) with { Name = null! }];

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => ParquetDatasetWriter<Sensor>.WriteFileAsync(file.Path, rows));

        Assert.Contains("Sensor.Name", error.Message, StringComparison.Ordinal);
        Assert.Contains("row 1", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(file.Path));
    }

    [Theory]
    [MemberData(nameof(PricedLists.Members), MemberType = typeof(PricedLists))]
    public async Task A_decimal_too_wide_for_its_column_anywhere_in_a_row_is_an_error_naming_the_member_row_and_value(string member, string column)
    {
        using var file = new TempFile();
        PricedLists[] rows = PricedLists.WithMisfit(member, rows: 3_000, at: 2_500);

        OverflowException error = await Assert.ThrowsAsync<OverflowException>(() => ParquetDatasetWriter<PricedLists>.WriteFileAsync(file.Path, rows, rowGroupSize: 2_000));

        Assert.Contains($"PricedLists.{member} in row 2500:", error.Message, StringComparison.Ordinal);
        Assert.Contains("100000000000000000000", error.Message, StringComparison.Ordinal);
        Assert.Contains(column, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(file.Path));
    }

    [Fact]
    public async Task ParquetDecimal_on_a_list_sets_its_elements_scale_at_any_depth_rounding_half_to_even()
    {
        using var file = new TempFile();
        ScaledLists[] rows = [new(0, [1.005m, 1.015m, -2.5m], [[1.005m], [], [9.999m]])];
        await ParquetDatasetWriter<ScaledLists>.WriteFileAsync(file.Path, rows);

        ScaledLists read = Assert.Single(ParquetFiles.ReadAll(new ParquetSource<ScaledLists>(file.Path)));

        Assert.Equal([1.00m, 1.02m, -2.50m], read.Prices);
        Assert.Equal("1.00|1.02|-2.50", string.Join('|', read.Prices.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal("1.00;;10.00", string.Join(';', read.Nested.Select(l => string.Join('|', l.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))))));
        OverflowException error = await Assert.ThrowsAsync<OverflowException>(() => ParquetDatasetWriter<ScaledLists>.WriteFileAsync(file.Path, [new(0, [], [[1m, 123_456_789m]])]));
        Assert.Contains("ScaledLists.Nested in row 0:", error.Message, StringComparison.Ordinal);
        Assert.Contains("DECIMAL(10,2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Row_groups_hold_exactly_the_rows_asked_for_whatever_the_slice_rows_are_encoded_in()
    {
        using var file = new TempFile();
        await using (ParquetDatasetWriter<Sensor> writer = await ParquetDatasetWriter<Sensor>.CreateAsync(file.Path, new ParquetWriteOptions { RowGroupSize = 10_000 }))
        {
            await writer.WriteAsync(Enumerable.Range(0, 25_000).Select(Sensor.Make));
            Assert.Equal(2, writer.RowGroupCount);
        }

        (FileMetadata footer, _) = await FooterAsync(file.Path);
        Assert.Equal([10_000L, 10_000L, 5_000L], footer.RowGroups.Select(g => g.RowCount));
    }

    [Fact]
    public async Task A_cancelled_write_leaves_no_file_and_a_finished_one_appears_only_when_disposed()
    {
        using var file = new TempFile();
        using var cancel = new CancellationTokenSource();
        ParquetDatasetWriter<Sensor> writer = await ParquetDatasetWriter<Sensor>.CreateAsync(file.Path, new ParquetWriteOptions { RowGroupSize = 1_000 });
        await writer.WriteAsync(Enumerable.Range(0, 2_500).Select(Sensor.Make));
        Assert.False(File.Exists(file.Path));

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await writer.WriteAsync(Enumerable.Range(0, 5_000).Select(Sensor.Make), cancel.Token));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await writer.WriteAsync(Sensor.Make(1)));
        await writer.DisposeAsync();

        Assert.False(File.Exists(file.Path));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(file.Path)!, $".{Path.GetFileName(file.Path)}.*"));

        await using (ParquetDatasetWriter<Sensor> complete = await ParquetDatasetWriter<Sensor>.CreateAsync(file.Path))
        {
            await complete.WriteAsync(Enumerable.Range(0, 10).Select(Sensor.Make));
        }

        Assert.Equal(10, ParquetFiles.ReadAll(new ParquetSource<Sensor>(file.Path)).Count);
    }

    [Fact]
    public async Task A_dataset_folder_is_cut_into_parts_by_bytes_and_reads_back_in_order()
    {
        using var root = new TempDirectory();
        string folder = Path.Combine(root.Path, "sensors");
        Sensor[] rows = Enumerable.Range(0, 200_000).Select(Sensor.Make).ToArray();
        await using (ParquetDatasetWriter<Sensor> dataset = await ParquetDatasetWriter<Sensor>.CreateDatasetAsync(folder, new ParquetWriteOptions { BytesPerFile = 256 << 10, RowGroupSize = 20_000 }))
        {
            await dataset.WriteAsync(rows);
        }

        string[] parts = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        Assert.InRange(parts.Length, 3, 40);
        Assert.Equal(Enumerable.Range(0, parts.Length).Select(p => $"part-{p:D5}.parquet"), parts);
        Assert.All(parts.SkipLast(1).Select(p => Path.Combine(folder, p)), f => Assert.InRange(new FileInfo(f).Length, 256 << 10, 3 * (256 << 10)));
        Assert.Equal(rows.Select(r => r.Id), ParquetFiles.ReadAll(ParquetSource<Sensor>.FromStore(new LocalObjectStore(folder), string.Empty)).Select(r => r.Id));
    }

    [Fact]
    public async Task Batches_are_written_column_by_column_across_row_group_and_part_boundaries_in_order()
    {
        using var root = new TempDirectory();
        Sensor[] rows = Enumerable.Range(0, 25_000).Select(Sensor.Make).ToArray();
        using var file = new TempFile();
        await WriterDifferentialTests.WriteAsync(file.Path, rows, new ParquetWriteOptions { RowGroupSize = 5_000 });

        // Copy the file into a dataset of parts: single rows and whole batches interleave, in order.
        using var streaming = new StreamingDataset<Sensor>(new ParquetSource<Sensor>(file.Path).BatchSize(3_001), 2);
        await using (ParquetDatasetWriter<Sensor> copy = await ParquetDatasetWriter<Sensor>.CreateDatasetAsync(root.Path, new ParquetWriteOptions { RowGroupSize = 4_000, RowsPerFile = 10_000 }))
        {
            await copy.WriteAsync(Sensor.Make(0) with { Id = -1 });
            foreach (Batch<Sensor> batch in streaming)
            {
                using (batch)
                {
                    await copy.WriteAsync(batch);
                }
            }

            Assert.Equal(25_001, copy.RowCount);
        }

        string[] parts = Directory.GetFiles(root.Path).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(3, parts.Length);
        (FileMetadata first, _) = await FooterAsync(parts[0]);
        Assert.Equal([4_000L, 4_000L, 2_000L], first.RowGroups.Select(g => g.RowCount));
        Assert.Equal(new[] { -1L }.Concat(rows.Select(r => r.Id)), ParquetFiles.ReadAll(ParquetSource<Sensor>.FromStore(new LocalObjectStore(root.Path), string.Empty)).Select(r => r.Id));

        // A null in a batch is named by its row over the whole write.
        using var nulls = new TempFile();
        await using ParquetDatasetWriter<Sensor> failing = await ParquetDatasetWriter<Sensor>.CreateAsync(nulls.Path);
        await failing.WriteAsync(Enumerable.Range(0, 10).Select(Sensor.Make));
        using Batch<Sensor> bad = Batch<Sensor>.FromRows([Sensor.Make(10), Sensor.Make(11) with { Tag = null! }]);
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await failing.WriteAsync(bad));
        Assert.Contains("row 11", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Size_statistics_count_every_level_and_string_byte_of_the_chunk_and_of_each_page()
    {
        Basket[] rows = Enumerable.Range(0, 900).Select(i => new Basket(
            i, [i], [], null, i % 7 == 0 ? null : i % 11 == 0 ? [] : [i % 2 == 0 ? null : "note", $"x{i}", "é"], null)).ToArray();
        using var file = new TempFile();
        await WriterDifferentialTests.WriteAsync(file.Path, rows, new ParquetWriteOptions { RowGroupSize = 900, PageRowLimit = 70 });

        // Notes is an optional list of optional strings: levels 0 null list, 1 empty list, 2 null element, 3 value.
        var definitions = new long[4];
        var repetitions = new long[2];
        long bytes = 0;
        foreach (Basket row in rows)
        {
            if (row.Notes is not { Length: > 0 } notes)
            {
                definitions[row.Notes is null ? 0 : 1]++;
                repetitions[0]++;
                continue;
            }

            for (int i = 0; i < notes.Length; i++)
            {
                repetitions[i == 0 ? 0 : 1]++;
                definitions[notes[i] is null ? 2 : 3]++;
                bytes += notes[i] is { } note ? System.Text.Encoding.UTF8.GetByteCount(note) : 0;
            }
        }

        // Parquet.Net's own Thrift model reads the chunk's size statistics.
        await using (global::Parquet.ParquetReader reader = await global::Parquet.ParquetReader.CreateAsync(file.Path))
        {
            List<global::Parquet.Meta.ColumnChunk> columns = reader.Metadata!.RowGroups[0].Columns;
            global::Parquet.Meta.SizeStatistics sizes = columns.Single(c => c.MetaData!.PathInSchema[0] == "Notes").MetaData!.SizeStatistics!;
            Assert.Equal(bytes, sizes.UnencodedByteArrayDataBytes);
            Assert.Equal(definitions, sizes.DefinitionLevelHistogram);
            Assert.Equal(repetitions, sizes.RepetitionLevelHistogram);

            // A required flat column has no levels and no byte arrays: there is nothing to record.
            Assert.Null(columns.Single(c => c.MetaData!.PathInSchema[0] == "Id").MetaData!.SizeStatistics);
        }

        // Per page, in the page indexes: the histograms add up to the chunk's, and each page's repetition level 0 counts its rows.
        (FileMetadata footer, byte[] all) = await FooterAsync(file.Path);
        ColumnChunkMetadata chunk = footer.RowGroups[0].Columns.Single(c => c.PathInSchema[0] == "Notes");
        OffsetIndex offsets = OffsetIndex.Parse(all.AsSpan((int)chunk.OffsetIndexOffset!.Value, chunk.OffsetIndexLength!.Value));
        ColumnIndex index = ColumnIndex.Parse(all.AsSpan((int)chunk.ColumnIndexOffset!.Value, chunk.ColumnIndexLength!.Value));
        int pages = offsets.PageCount;
        Assert.Equal(13, pages);
        Assert.Equal(definitions, Enumerable.Range(0, 4).Select(level => Enumerable.Range(0, pages).Sum(p => index.DefinitionLevelHistograms![(p * 4) + level])));
        Assert.Equal(repetitions, Enumerable.Range(0, 2).Select(level => Enumerable.Range(0, pages).Sum(p => index.RepetitionLevelHistograms![(p * 2) + level])));
        Assert.Equal(Enumerable.Range(0, pages).Select(p => offsets.Rows(p, rows.Length).Count), Enumerable.Range(0, pages).Select(p => index.RepetitionLevelHistograms![p * 2]));
        Assert.Equal(bytes, offsets.UnencodedByteArrayDataBytes!.Sum());
        Assert.Equal(chunk.SizeStatistics, new SizeStatistics(bytes, repetitions, definitions), SizeStatisticsComparer.Instance);
    }

    [Fact]
    public async Task Columns_encoded_side_by_side_give_the_bytes_one_thread_gives_and_its_first_error()
    {
        Sensor[] rows = Enumerable.Range(0, 150_000).Select(Sensor.Make).ToArray();
        using var sequential = new TempFile();
        using var parallel = new TempFile();
        await WriterDifferentialTests.WriteAsync(sequential.Path, rows, new ParquetWriteOptions { RowGroupSize = 100_000, MaxDegreeOfParallelism = 1 });
        await WriterDifferentialTests.WriteAsync(parallel.Path, rows, new ParquetWriteOptions { RowGroupSize = 100_000, MaxDegreeOfParallelism = 4 });
        Assert.Equal(await File.ReadAllBytesAsync(sequential.Path), await File.ReadAllBytesAsync(parallel.Path));

        // Two columns fail in the same slice: the error is the first column's, as when they are encoded in turn.
        rows[70_000] = rows[70_000] with { Name = null!, Tag = null! };
        using var failed = new TempFile();
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => WriterDifferentialTests.WriteAsync(failed.Path, rows, new ParquetWriteOptions { MaxDegreeOfParallelism = 4 }));
        Assert.Contains("Sensor.Name is null in row 70000", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(failed.Path));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => ParquetDatasetWriter<Sensor>.CreateAsync(failed.Path, new ParquetWriteOptions { MaxDegreeOfParallelism = 0 }));
    }

    [Fact]
    public async Task Repeated_strings_shared_or_copied_and_a_byte_buffer_reused_between_slices_are_written_as_they_were()
    {
        string[] labels = ["north", "south", "east", "west", "centre"];
        byte[] buffer = [1, 2, 3];
        const int Half = 70_000;
        using var file = new TempFile();
        await using (ParquetDatasetWriter<Tagged> writer = await ParquetDatasetWriter<Tagged>.CreateAsync(file.Path, new ParquetWriteOptions { RowGroupSize = 1_000_000 }))
        {
            for (int i = 0; i < 2 * Half; i++)
            {
                if (i == Half)
                {
                    // The first slice (65,536 rows) is encoded by now; the caller reuses its buffer for another value.
                    buffer[0] = 9;
                }

                // Every third label is a copy: equal text, another instance.
                string label = i % 3 == 0 ? new string(labels[i % 5].AsSpan()) : labels[i % 5];
                await writer.WriteAsync(new Tagged(i, label, buffer));
            }
        }

        List<Tagged> rows = ParquetFiles.ReadAll(new ParquetSource<Tagged>(file.Path));
        Assert.Equal(2 * Half, rows.Count);
        Assert.All(rows, r => Assert.Equal(labels[r.Id % 5], r.Label));
        Assert.Equal((byte)1, rows[0].Payload[0]);
        Assert.Equal((byte)1, rows[65_535].Payload[0]);
        Assert.Equal((byte)9, rows[^1].Payload[0]);
    }

    /// <summary>Size statistics compared by their counts, not by the arrays' identity.</summary>
    private sealed class SizeStatisticsComparer : IEqualityComparer<SizeStatistics?>
    {
        public static readonly SizeStatisticsComparer Instance = new();

        public bool Equals(SizeStatistics? x, SizeStatistics? y) =>
            x?.UnencodedByteArrayDataBytes == y?.UnencodedByteArrayDataBytes
            && (x?.RepetitionLevelHistogram ?? []).SequenceEqual(y?.RepetitionLevelHistogram ?? [])
            && (x?.DefinitionLevelHistogram ?? []).SequenceEqual(y?.DefinitionLevelHistogram ?? []);

        public int GetHashCode(SizeStatistics? obj) => 0;
    }

    private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

    private static async Task<(FileMetadata Footer, byte[] Bytes)> FooterAsync(string path)
    {
        byte[] bytes = await File.ReadAllBytesAsync(path);
        int length = BitConverter.ToInt32(bytes, bytes.Length - 8);
        return (FooterParser.Parse(bytes.AsSpan(bytes.Length - 8 - length, length)), bytes);
    }

    private static List<object?[]> Query(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        using DbDataReader reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}

/// <summary>A flag and a UUID, for their statistics.</summary>
[StreamingDataset]
public partial record Flagged(bool Flag, Guid Key);

/// <summary>A nullable record holding a non-nullable and a nullable integer: the shape whose Auto encoding Polars constrains.</summary>
[StreamingDataset]
public partial record LayoutRow(long Id, LayoutPair? Pair);

/// <summary><see cref="LayoutRow.Pair"/>: a non-nullable and a nullable integer under a nullable record.</summary>
public sealed record LayoutPair(long Required, long? Optional);

[StreamingDataset]
public partial record Sensor(long Id, string Name, string Tag, ulong Counter, double? Reading)
{
    private static readonly string[] Names = ["north", "south", "east", "west"];

    public static Sensor Make(int i) => new(
        i,
        Names[i % 4],
        $"tag-{(i * 7_919L) % 1_000_003:D7}",
        i % 2 == 0 ? ulong.MaxValue - (ulong)i : (1UL << 63) + (ulong)i,
        i % 10 == 3 ? null : i % 10 == 7 ? double.NaN : (i % 400 / 4.0) - 50);
}

[StreamingDataset]
public partial record PricedLists(
    long Id, [property: ParquetDecimal(8, 2)] decimal Price, decimal[] Amounts, List<decimal?> Maybe, PriceLine Line, Dictionary<string, decimal> Ledger, decimal[][] Grid)
{
    /// <summary>A value 21 digits before the point: DECIMAL(38,18) holds 20.</summary>
    public const decimal TooWide = 100_000_000_000_000_000_000m;

    /// <summary>Each member that can hold a decimal, and the DECIMAL its column declares.</summary>
    public static TheoryData<string, string> Members => new()
    {
        { "Price", "DECIMAL(8,2)" },
        { "Amounts", "DECIMAL(38,18)" },
        { "Maybe", "DECIMAL(38,18)" },
        { "Line", "DECIMAL(38,18)" },
        { "Ledger", "DECIMAL(38,18)" },
        { "Grid", "DECIMAL(38,18)" },
    };

    public static PricedLists Make(int i) => new(i, i, [i, i + 0.5m], [null, i], new PriceLine("l", i), new Dictionary<string, decimal> { ["k"] = i }, [[i], []]);

    /// <summary>
    /// Rows whose <paramref name="member"/> holds <see cref="TooWide"/> at row <paramref name="at"/>, behind a hundred
    /// rows of empty lists and lists of several items, so that only the lists' bounds tell its row.
    /// </summary>
    public static PricedLists[] WithMisfit(string member, int rows, int at)
    {
        PricedLists[] made = [.. Enumerable.Range(0, rows).Select(Make)];
        for (int i = Math.Max(0, at - 100); i < at; i++)
        {
            made[i] = made[i] with { Amounts = [], Maybe = [null, 1m, 2m], Ledger = [], Grid = [[], [1m, 2m], []] };
        }

        made[at] = member switch
        {
            "Price" => made[at] with { Price = TooWide },
            "Amounts" => made[at] with { Amounts = [1m, TooWide] },
            "Maybe" => made[at] with { Maybe = [null, TooWide] },
            "Line" => made[at] with { Line = new PriceLine("x", TooWide) },
            "Ledger" => made[at] with { Ledger = new Dictionary<string, decimal> { ["a"] = 1m, ["b"] = TooWide } },
            _ => made[at] with { Grid = [[], [1m], [TooWide]] },
        };
        return made;
    }
}

public sealed record PriceLine(string Label, decimal Amount);

[StreamingDataset]
public partial record ScaledLists(long Id, [property: ParquetDecimal(10, 2)] decimal[] Prices, [property: ParquetDecimal(10, 2)] List<decimal[]> Nested);

/// <summary>A label and a payload, for values that repeat by reference or by content.</summary>
[StreamingDataset]
public partial record Tagged(int Id, string Label, byte[] Payload);
