using System.Collections.Immutable;

namespace Alimentar.IntegrationTests;

/// <summary>
/// <see cref="ImmutableArray{T}"/> members, nullable or not, at every place a list may be (a member, a list of lists,
/// a record's field, a list of records, a map's value, enums), write and read back as any list does, each read array
/// wrapped without a copy; a default one is a null list, refused where the column cannot hold one.
/// </summary>
public sealed class ImmutableArrayMemberTests
{
    [Fact]
    public async Task Immutable_arrays_round_trip_at_every_depth_and_in_records_and_maps_through_Parquet_and_Arrow()
    {
        Archive[] rows = [.. Enumerable.Range(0, 130).Select(Make)];
        using var file = new TempFile();
        await ParquetDatasetWriter<Archive>.WriteFileAsync(file.Path, rows, rowGroupSize: 50);
        AssertSame(rows, ParquetFiles.ReadAll(new ParquetSource<Archive>(file.Path).BatchSize(16)));

        using var ipc = new MemoryStream();
        using (var memory = new StreamingDataset<Archive>(new MemorySource<Archive>(rows, batchSize: 32)))
        {
            await ArrowIpc.WriteAsync(ipc, memory.ReadAllAsync());
        }

        ipc.Position = 0;
        AssertSame(rows, ParquetFiles.ReadAll(new ArrowSource<Archive>(ipc, "archive.arrows")));

        // The batch accessor of an ImmutableArray member is the flat list column of any list.
        using var streaming = new StreamingDataset<Archive>(new ParquetSource<Archive>(file.Path), bufferSize: 2);
        using Batch<Archive> batch = streaming.First();
        Assert.Equal(rows.Take(batch.Count).SelectMany(r => r.Ids), batch.Ids.Values.ToArray());
    }

    /// <summary>Row by row, member by member; immutable arrays compared by their elements.</summary>
    private static void AssertSame(Archive[] rows, List<Archive> read)
    {
        Assert.Equal(rows.Length, read.Count);
        for (int i = 0; i < rows.Length; i++)
        {
            Archive expected = rows[i];
            Archive actual = read[i];
            Assert.Equal(expected.Ids.ToArray(), actual.Ids.ToArray());
            Assert.Equal(expected.Tags.HasValue, actual.Tags.HasValue);
            Assert.Equal((expected.Tags ?? []).ToArray(), (actual.Tags ?? []).ToArray());
            Assert.Equal(expected.Grid.Select(inner => inner.ToArray()), actual.Grid.Select(inner => inner.ToArray()));
            Assert.Equal(expected.Windows?.Select(w => w?.ToArray()), actual.Windows?.Select(w => w?.ToArray()));
            Assert.Equal(expected.Shelves.Select(s => (s.Name, string.Join(",", s.Sizes))), actual.Shelves.Select(s => (s.Name, string.Join(",", s.Sizes))));
            Assert.Equal(expected.Labels?.OrderBy(p => p.Key).Select(p => (p.Key, string.Join(",", p.Value))), actual.Labels?.OrderBy(p => p.Key).Select(p => (p.Key, string.Join(",", p.Value))));
            Assert.Equal(expected.Colors.ToArray(), actual.Colors.ToArray());
            Assert.Equal(expected.Cover.Sizes.ToArray(), actual.Cover.Sizes.ToArray());
        }
    }

    [Fact]
    public async Task A_default_immutable_array_is_a_null_list_written_where_nullable_and_refused_where_not()
    {
        using var file = new TempFile();
        Archive nullTags = Make(1) with { Tags = default(ImmutableArray<string?>) };
        await ParquetDatasetWriter<Archive>.WriteFileAsync(file.Path, [nullTags]);
        Assert.Null(Assert.Single(ParquetFiles.ReadAll(new ParquetSource<Archive>(file.Path))).Tags);

        using var refused = new TempFile();
        Archive defaultIds = Make(2) with { Ids = default };
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => ParquetDatasetWriter<Archive>.WriteFileAsync(refused.Path, [defaultIds]));
        Assert.Contains("Ids", error.Message, StringComparison.Ordinal);
    }

    private static Archive Make(int i) => new(
        i,
        Ids: [.. Enumerable.Range(0, i % 4).Select(k => (long)k * i)],
        Tags: i % 5 == 0 ? null : i % 5 == 1 ? ImmutableArray<string?>.Empty : [$"t{i}", null],
        Grid: [.. Enumerable.Range(0, i % 3).Select(g => ImmutableArray.Create(g, i))],
        Windows: i % 4 == 0 ? null : [[i, 0.5], null, []],
        Shelves: [new ArchiveShelf($"s{i}", [i, i + 1]), new ArchiveShelf("empty", [])],
        Labels: i % 6 == 0 ? null : new Dictionary<string, ImmutableArray<int>> { ["a"] = [i], ["b"] = [] },
        Colors: [(ShelfColor)(i % 3), ShelfColor.Blue],
        Cover: new ArchiveShelf("cover", [i % 7]));
}

public sealed record ArchiveShelf(string Name, ImmutableArray<int> Sizes);

[StreamingDataset]
public partial record Archive(
    long Id,
    ImmutableArray<long> Ids,
    ImmutableArray<string?>? Tags,
    ImmutableArray<ImmutableArray<int>> Grid,
    List<ImmutableArray<double>?>? Windows,
    ImmutableArray<ArchiveShelf> Shelves,
    Dictionary<string, ImmutableArray<int>>? Labels,
    ImmutableArray<ShelfColor> Colors,
    ArchiveShelf Cover);
