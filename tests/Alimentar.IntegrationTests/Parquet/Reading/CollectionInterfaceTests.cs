namespace Alimentar.IntegrationTests;

/// <summary>
/// Members declared as the collection interfaces a DTO often uses (<c>IList</c>, <c>ICollection</c>,
/// <c>IReadOnlyCollection</c>, <c>IDictionary</c>) write and read back like arrays, lists and dictionaries: flat,
/// nested, of records, of enums, null and empty.
/// </summary>
public sealed class CollectionInterfaceTests
{
    [Fact]
    public async Task Interface_typed_lists_and_maps_round_trip_into_lists_arrays_and_dictionaries()
    {
        Shelf[] shelves = Enumerable.Range(0, 120).Select(Make).ToArray();
        using var file = new TempFile();
        await ParquetDatasetWriter<Shelf>.WriteFileAsync(file.Path, shelves, rowGroupSize: 50);

        List<Shelf> read = ParquetFiles.ReadAll(new ParquetSource<Shelf>(file.Path).BatchSize(16));

        Assert.Equal(shelves.Length, read.Count);
        for (int i = 0; i < shelves.Length; i++)
        {
            Shelf expected = shelves[i];
            Shelf actual = read[i];
            Assert.Equal(expected.Counts, actual.Counts);
            Assert.Equal(expected.Labels, actual.Labels);
            Assert.Equal(expected.Weights, actual.Weights);
            Assert.Equal(expected.Grid?.Select(row => row.ToArray()), actual.Grid?.Select(row => row.ToArray()));
            Assert.Equal(expected.Items?.Select(item => item.Name), actual.Items?.Select(item => item.Name));
            Assert.Equal(expected.Stock?.OrderBy(pair => pair.Key), actual.Stock?.OrderBy(pair => pair.Key));
            Assert.Equal(expected.Colors, actual.Colors);
        }

        // An IList or ICollection is read into a List, which can grow; a read-only collection into an array.
        Shelf sample = read[3];
        Assert.IsType<List<int>>(sample.Counts);
        Assert.IsType<List<string?>>(sample.Labels);
        Assert.IsType<double[]>(sample.Weights);
        Assert.IsType<Dictionary<string, long>>(sample.Stock);
    }

    [Fact]
    public async Task An_interface_typed_list_has_the_flat_batch_accessor_of_any_list()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Shelf>.WriteFileAsync(file.Path, Enumerable.Range(0, 10).Select(Make));
        using var streaming = new StreamingDataset<Shelf>(new ParquetSource<Shelf>(file.Path), bufferSize: 2);

        using Batch<Shelf> batch = streaming.First();

        Assert.Equal(Enumerable.Range(0, 10).SelectMany(i => Make(i).Counts), batch.Counts.Values.ToArray());
    }

    [Fact]
    public async Task Enumerable_members_write_lazy_sequences_once_and_read_back_as_arrays()
    {
        int enumerations = 0;
        IEnumerable<int> Counted(int i)
        {
            enumerations++;
            for (int r = 0; r < i % 4; r++)
            {
                yield return r * i;
            }
        }

        Playlist Make(int i) => new(
            i,
            Titles: Enumerable.Range(0, i % 3).Select(t => $"t{i}-{t}"),
            Ratings: i % 5 == 0 ? null : Counted(i),
            Segments: i % 4 == 0 ? null : [Enumerable.Repeat(0.5 * i, i % 3), []],
            Items: i % 6 == 0 ? null : new HashSet<ShelfItem> { new($"item{i}") },
            Owner: new PlaylistOwner($"o{i}", Enumerable.Range(0, i % 2 + 1).Select(f => (long)f * i)));
        using var file = new TempFile();
        await ParquetDatasetWriter<Playlist>.WriteFileAsync(file.Path, Enumerable.Range(0, 90).Select(Make), rowGroupSize: 40);

        Assert.Equal(72, enumerations);
        List<Playlist> read = ParquetFiles.ReadAll(new ParquetSource<Playlist>(file.Path).BatchSize(16));

        Assert.Equal(90, read.Count);
        for (int i = 0; i < read.Count; i++)
        {
            Playlist expected = Make(i);
            Playlist actual = read[i];
            Assert.Equal(expected.Titles, actual.Titles);
            Assert.Equal(expected.Ratings, actual.Ratings);
            Assert.Equal(expected.Segments?.Select(s => s.ToArray()), actual.Segments?.Select(s => s.ToArray()));
            Assert.Equal(expected.Items?.Select(item => item.Name), actual.Items?.Select(item => item.Name));
            Assert.Equal(expected.Owner.Name, actual.Owner.Name);
            Assert.Equal(expected.Owner.Follows, actual.Owner.Follows);
        }

        Assert.IsType<string[]>(read[2].Titles);
        Assert.IsType<long[]>(read[2].Owner.Follows);
    }

    private static Shelf Make(int i) => new(
        i,
        Counts: Enumerable.Range(0, i % 4).Select(c => c * i).ToList(),
        // A collection that is not a list (LinkedList) is copied once as it is written.
        Labels: i % 5 == 0 ? null : i % 5 == 1 ? new List<string?>() : i % 5 == 2 ? new LinkedList<string?>([$"k{i}", null, "z"]) : new List<string?> { $"l{i}", null },
        Weights: Enumerable.Range(0, i % 3).Select(w => w * 0.5).ToArray(),
        Grid: i % 4 == 0 ? null : [new List<int> { i }, new List<int>()],
        Items: i % 6 == 0 ? null : [new ShelfItem($"item{i}"), new ShelfItem("other")],
        Stock: i % 7 == 0 ? null : new Dictionary<string, long> { ["a"] = i, ["b"] = -i },
        Colors: [(ShelfColor)(i % 3)]);
}

public enum ShelfColor
{
    Red,
    Green,
    Blue,
}

public sealed record ShelfItem(string Name);

[StreamingDataset]
public partial record Shelf(
    long Id,
    IList<int> Counts,
    ICollection<string?>? Labels,
    IReadOnlyCollection<double> Weights,
    IList<IList<int>>? Grid,
    ICollection<ShelfItem>? Items,
    IDictionary<string, long>? Stock,
    IList<ShelfColor> Colors);

[StreamingDataset]
public partial record Playlist(
    long Id,
    IEnumerable<string> Titles,
    IEnumerable<int>? Ratings,
    IEnumerable<IEnumerable<double>>? Segments,
    IEnumerable<ShelfItem>? Items,
    PlaylistOwner Owner);

public sealed record PlaylistOwner(string Name, IEnumerable<long> Follows);
