using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Collections.ObjectModel;

namespace Alimentar.IntegrationTests;

/// <summary>
/// Memories (<see cref="ReadOnlyMemory{T}"/>, <see cref="Memory{T}"/>) and the immutable, frozen, sorted and read-only
/// collections bind as lists, sets and maps wherever those may be (a member, a list's element, a record's field, a
/// map's value), write as the lists and maps they hold, and read back into the member's own type through Parquet and
/// Arrow IPC alike; a memory of bytes is a binary value, as a <c>byte[]</c> is.
/// </summary>
public sealed class CollectionMemberTests
{
    [Fact]
    public async Task Memories_and_immutable_frozen_sorted_and_read_only_collections_round_trip_through_Parquet_and_Arrow()
    {
        Cabinet[] rows = [.. Enumerable.Range(0, 110).Select(Make)];
        using var file = new TempFile();
        await ParquetDatasetWriter<Cabinet>.WriteFileAsync(file.Path, rows, rowGroupSize: 40);
        AssertSame(rows, ParquetFiles.ReadAll(new ParquetSource<Cabinet>(file.Path).BatchSize(16)));

        using var ipc = new MemoryStream();
        using (var memory = new StreamingDataset<Cabinet>(new MemorySource<Cabinet>(rows, batchSize: 32)))
        {
            await ArrowIpc.WriteAsync(ipc, memory.ReadAllAsync());
        }

        ipc.Position = 0;
        AssertSame(rows, ParquetFiles.ReadAll(new ArrowSource<Cabinet>(ipc, "cabinet.arrows")));

        // A memory member's batch accessor is the flat list column of any list.
        using var streaming = new StreamingDataset<Cabinet>(new ParquetSource<Cabinet>(file.Path), bufferSize: 2);
        using Batch<Cabinet> batch = streaming.First();
        Assert.Equal(rows.Take(batch.Count).SelectMany(r => r.Embedding.ToArray()), batch.Embedding.Values.ToArray());
    }

    [Fact]
    public async Task Each_member_reads_back_as_its_own_collection_type_and_the_read_array_is_wrapped_not_copied()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Cabinet>.WriteFileAsync(file.Path, [Make(5)]);

        Cabinet read = Assert.Single(ParquetFiles.ReadAll(new ParquetSource<Cabinet>(file.Path)));

        Assert.IsType<ImmutableList<string?>>(read.Tags);
        Assert.IsType<ImmutableList<Drawer>>(read.Drawers);
        Assert.IsType<ImmutableHashSet<int>>(read.Codes);
        Assert.IsAssignableFrom<FrozenSet<string>>(read.Frozen);
        Assert.IsAssignableFrom<FrozenDictionary<string, int>>(read.Totals);
        Assert.IsType<ImmutableDictionary<string, double>>(read.Weights);
        Assert.Equal([1, 6, 7], read.Sorted);
        Assert.Equal([0, 1, 2], read.Names!.Keys);

        // Wrapped arrays: a memory and a read-only collection cover the whole of the array read.
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(read.Embedding, out ArraySegment<float> segment));
        Assert.Equal(read.Embedding.Length, segment.Array!.Length);
    }

    [Fact]
    public async Task A_memory_over_part_of_an_array_is_written_as_that_part_and_a_default_memory_as_an_empty_list_or_empty_bytes()
    {
        float[] backing = [9, 1, 2, 3, 9];
        Cabinet sliced = Make(3) with { Embedding = backing.AsMemory(1, 3), Counts = new Memory<int>(backing.Select(v => (int)v).ToArray(), 4, 1), Blob = new byte[] { 7, 8, 9 }.AsMemory(1) };
        Cabinet empty = Make(4) with { Embedding = default, Grid = default, Blob = default };
        using var file = new TempFile();
        await ParquetDatasetWriter<Cabinet>.WriteFileAsync(file.Path, [sliced, empty]);

        List<Cabinet> read = ParquetFiles.ReadAll(new ParquetSource<Cabinet>(file.Path));

        Assert.Equal([1f, 2f, 3f], read[0].Embedding.ToArray());
        Assert.Equal([9], read[0].Counts!.Value.ToArray());
        Assert.Equal([8, 9], read[0].Blob.ToArray());
        Assert.True(read[1].Embedding.IsEmpty);
        Assert.True(read[1].Grid.IsEmpty);
        Assert.True(read[1].Blob.IsEmpty);
    }

    [Fact]
    public async Task An_immutable_array_of_bytes_is_a_binary_value_and_a_default_one_is_null_written_where_nullable_and_refused_where_not()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Cabinet>.WriteFileAsync(file.Path, [Make(1) with { Key = default(ImmutableArray<byte>) }]);
        Cabinet read = Assert.Single(ParquetFiles.ReadAll(new ParquetSource<Cabinet>(file.Path)));
        Assert.Null(read.Key);
        Assert.Equal([1, 0xAB], read.Signature.ToArray());
        Assert.StartsWith("BYTE_ARRAY", (await ParquetFileInfo.ReadAsync(file.Path, CancellationToken.None)).Columns.Single(c => c.Path == "Signature").Type, StringComparison.Ordinal);

        using var refused = new TempFile();
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => ParquetDatasetWriter<Cabinet>.WriteFileAsync(refused.Path, [Make(2) with { Signature = default }]));
        Assert.Contains("Cabinet.Signature is null in row 0", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Row by row, member by member; collections compared by their elements, sets and maps in order.</summary>
    private static void AssertSame(Cabinet[] rows, List<Cabinet> read)
    {
        Assert.Equal(rows.Length, read.Count);
        for (int i = 0; i < rows.Length; i++)
        {
            Cabinet expected = rows[i];
            Cabinet actual = read[i];
            Assert.Equal(expected.Embedding.ToArray(), actual.Embedding.ToArray());
            Assert.Equal(expected.Counts?.ToArray(), actual.Counts?.ToArray());
            Assert.Equal(expected.Grid.ToArray().Select(g => g.ToArray()), actual.Grid.ToArray().Select(g => g.ToArray()));
            Assert.Equal(expected.Tags, actual.Tags);
            Assert.Equal(expected.Shades, actual.Shades);
            Assert.Equal(expected.Sizes, actual.Sizes);
            Assert.Equal(expected.Sorted, actual.Sorted);
            Assert.Equal(expected.Roles.Order(), actual.Roles.Order());
            Assert.Equal(expected.Codes?.Order(), actual.Codes?.Order());
            Assert.Equal(expected.Frozen.Order(), actual.Frozen.Order());
            Assert.Equal(expected.Groups, actual.Groups);
            Assert.Equal(expected.Drawers.Select(Text), actual.Drawers.Select(Text));
            Assert.Equal(expected.Totals.OrderBy(p => p.Key), actual.Totals.OrderBy(p => p.Key));
            Assert.Equal(expected.Names, actual.Names);
            Assert.Equal(expected.Windows.OrderBy(p => p.Key).Select(p => (p.Key, string.Join(",", p.Value.ToArray()))), actual.Windows.OrderBy(p => p.Key).Select(p => (p.Key, string.Join(",", p.Value.ToArray()))));
            Assert.Equal(expected.Weights?.OrderBy(p => p.Key), actual.Weights?.OrderBy(p => p.Key));
            Assert.Equal(expected.Lookup.OrderBy(p => p.Key).Select(p => (p.Key, Text(p.Value))), actual.Lookup.OrderBy(p => p.Key).Select(p => (p.Key, Text(p.Value))));
            Assert.Equal(expected.Blob.ToArray(), actual.Blob.ToArray());
            Assert.Equal(expected.Thumbnail?.ToArray(), actual.Thumbnail?.ToArray());
            Assert.Equal(expected.Signature.ToArray(), actual.Signature.ToArray());
            Assert.Equal(expected.Key?.ToArray(), actual.Key?.ToArray());
            Assert.Equal(expected.Attachments.OrderBy(p => p.Key).Select(p => (p.Key, Convert.ToHexString(p.Value.Span))), actual.Attachments.OrderBy(p => p.Key).Select(p => (p.Key, Convert.ToHexString(p.Value.Span))));
        }
    }

    private static string Text(Drawer drawer) =>
        $"{drawer.Label}:{string.Join(",", drawer.Weights.ToArray())}:{(drawer.Notes is null ? "null" : string.Join(",", drawer.Notes))}:{(drawer.Image is { } image ? Convert.ToHexString(image.Span) : "null")}";

    [Fact]
    public async Task Sorted_sets_and_maps_of_strings_read_back_every_string_written_in_ordinal_order()
    {
        // Culture comparison ignores the soft hyphen, so it would take these for one word: one dropped from the set,
        // the map refused. Parquet's order is the bytes' (ordinal) order, the same on every machine.
        string plain = "coop", hyphenated = "co\u00ADop";
        SortedWords written = new(1, new SortedSet<string>([plain, "Zebra", "apple"], StringComparer.Ordinal), new SortedDictionary<string, int>(StringComparer.Ordinal) { [plain] = 1, ["Zebra"] = 2 });
        written.Words.Add(hyphenated);
        written.Counts[hyphenated] = 3;
        using var file = new TempFile();
        await ParquetDatasetWriter<SortedWords>.WriteFileAsync(file.Path, [written]);

        SortedWords read = Assert.Single(ParquetFiles.ReadAll(new ParquetSource<SortedWords>(file.Path)));

        Assert.Equal(written.Words.Order(StringComparer.Ordinal), read.Words);
        Assert.Equal(written.Counts.Keys.Order(StringComparer.Ordinal), read.Counts.Keys);
        Assert.Equal(3, read.Counts[hyphenated]);
    }

    private static Cabinet Make(int i) => new(
        i,
        Embedding: Enumerable.Range(0, i % 4).Select(k => k * 0.5f + i).ToArray(),
        Counts: i % 5 == 0 ? (Memory<int>?)null : new[] { i, -i },
        Grid: Enumerable.Range(0, i % 3).Select(g => new ReadOnlyMemory<int>([g, i])).ToArray(),
        Tags: [$"t{i}", null],
        Shades: i % 4 == 0 ? null : [(CabinetShade)(i % 2), CabinetShade.Dark],
        Sizes: new ReadOnlyCollection<long>([i, i * 2L]),
        Sorted: [i + 1, 1, i % 2 == 0 ? 1 : 7],
        Roles: [.. Enumerable.Range(0, i % 3).Select(r => $"r{r}")],
        Codes: i % 6 == 0 ? null : [i, 3],
        Frozen: new[] { "a", $"f{i % 4}" }.ToFrozenSet(),
        Groups: [[i], [], [1, 2]],
        Drawers: [new Drawer($"d{i}", new float[] { i }, i % 2 == 0 ? null : ["n"], new byte[] { (byte)i, 0 }), new Drawer("empty", default, [])],
        Totals: new Dictionary<string, int> { ["x"] = i, ["y"] = -i }.ToFrozenDictionary(),
        Names: i % 7 == 0 ? null : new SortedDictionary<int, string> { [2] = "two", [0] = "zero", [1] = $"one{i}" },
        Windows: ImmutableDictionary<string, ReadOnlyMemory<int>>.Empty.Add("w", new[] { i, i + 1 }).Add("none", default),
        Weights: i % 3 == 0 ? null : ImmutableDictionary<string, double>.Empty.Add("p", i / 3.0),
        Lookup: new ReadOnlyDictionary<string, Drawer>(new Dictionary<string, Drawer> { ["k"] = new Drawer("in map", new float[] { 1, 2 }, null, ReadOnlyMemory<byte>.Empty) }),
        Blob: Enumerable.Range(0, i % 5).Select(b => (byte)(b + i)).ToArray(),
        Thumbnail: i % 4 == 1 ? (Memory<byte>?)null : new byte[] { 0xFF, (byte)i },
        Attachments: new Dictionary<string, ReadOnlyMemory<byte>> { ["a"] = new byte[] { 1, (byte)i }, ["empty"] = default },
        Signature: [(byte)i, 0xAB],
        Key: i % 3 == 2 ? null : ImmutableArray.Create((byte)(i * 7)));
}

public enum CabinetShade { Light, Dark }

public sealed record Drawer(string Label, ReadOnlyMemory<float> Weights, ImmutableList<string>? Notes, ReadOnlyMemory<byte>? Image = null);

[StreamingDataset]
public partial record Cabinet(
    long Id,
    ReadOnlyMemory<float> Embedding,
    Memory<int>? Counts,
    ReadOnlyMemory<ReadOnlyMemory<int>> Grid,
    ImmutableList<string?> Tags,
    IImmutableList<CabinetShade>? Shades,
    ReadOnlyCollection<long> Sizes,
    SortedSet<int> Sorted,
    ImmutableHashSet<string> Roles,
    IImmutableSet<int>? Codes,
    FrozenSet<string> Frozen,
    List<ImmutableList<int>> Groups,
    ImmutableList<Drawer> Drawers,
    FrozenDictionary<string, int> Totals,
    SortedDictionary<int, string>? Names,
    ImmutableDictionary<string, ReadOnlyMemory<int>> Windows,
    IImmutableDictionary<string, double>? Weights,
    ReadOnlyDictionary<string, Drawer> Lookup,
    ReadOnlyMemory<byte> Blob,
    Memory<byte>? Thumbnail,
    Dictionary<string, ReadOnlyMemory<byte>> Attachments,
    ImmutableArray<byte> Signature,
    ImmutableArray<byte>? Key);

[StreamingDataset]
public partial record SortedWords(long Id, SortedSet<string> Words, SortedDictionary<string, int> Counts);
