namespace Alimentar.IntegrationTests;

/// <summary>
/// Set members (<see cref="HashSet{T}"/>, <see cref="ISet{T}"/>, <see cref="IReadOnlySet{T}"/>) write as the list of
/// their elements and read back into a <see cref="HashSet{T}"/>, wherever a list may be: a member, a list's element, a
/// record's field, a map's value; a list another writer filled with repeated values reads as the set of them.
/// </summary>
public sealed class SetMemberTests
{
    [Fact]
    public async Task Sets_round_trip_as_lists_at_every_place_a_list_may_be()
    {
        SetTagged[] rows = [.. Enumerable.Range(0, 90).Select(Make)];
        using var file = new TempFile();
        await ParquetDatasetWriter<SetTagged>.WriteFileAsync(file.Path, rows, rowGroupSize: 40);

        List<SetTagged> read = ParquetFiles.ReadAll(new ParquetSource<SetTagged>(file.Path).BatchSize(16));

        Assert.Equal(rows.Length, read.Count);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.True(rows[i].Tags.SetEquals(read[i].Tags), $"row {i}");
            Assert.Equal(rows[i].Codes is null, read[i].Codes is null);
            Assert.True(rows[i].Codes?.SetEquals(read[i].Codes!) ?? true, $"row {i}");
            Assert.True(rows[i].Ids.SetEquals(read[i].Ids), $"row {i}");
            Assert.Equal(rows[i].Groups.Select(g => g.Order()), read[i].Groups.Select(g => g.Order()));
            Assert.True(rows[i].Owner.Roles.SetEquals(read[i].Owner.Roles), $"row {i}");
            Assert.Equal(rows[i].Scores?.OrderBy(p => p.Key).Select(p => (p.Key, string.Join(",", p.Value.Order()))), read[i].Scores?.OrderBy(p => p.Key).Select(p => (p.Key, string.Join(",", p.Value.Order()))));
            Assert.IsType<HashSet<int>>(read[i].Codes ?? new HashSet<int>());
            Assert.IsType<HashSet<long>>(read[i].Ids);
        }
    }

    [Fact]
    public async Task A_list_with_repeated_values_reads_as_the_set_of_them()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<SetTagList>.WriteFileAsync(file.Path, [new SetTagList(1, ["a", "b", "a", "c", "b"]), new SetTagList(2, [])]);

        List<SetTagSet> read = ParquetFiles.ReadAll(new ParquetSource<SetTagSet>(file.Path));

        Assert.Equal(["a", "b", "c"], read[0].Tags.Order());
        Assert.Empty(read[1].Tags);
    }

    private static SetTagged Make(int i) => new(
        i,
        Tags: [.. Enumerable.Range(0, i % 4).Select(t => $"t{t}")],
        Codes: i % 5 == 0 ? null : new HashSet<int> { i, -i, 7 },
        Ids: new HashSet<long>(Enumerable.Range(0, i % 3).Select(k => (long)k * i)),
        Groups: [[i, i + 1], []],
        Owner: new SetTagOwner($"o{i}", new HashSet<string> { "admin", $"r{i % 2}" }),
        Scores: i % 6 == 0 ? null : new Dictionary<string, ISet<int>> { ["x"] = new HashSet<int> { i } });
}

public sealed record SetTagOwner(string Name, HashSet<string> Roles);

[StreamingDataset]
public partial record SetTagged(
    long Id,
    HashSet<string> Tags,
    ISet<int>? Codes,
    IReadOnlySet<long> Ids,
    List<HashSet<int>> Groups,
    SetTagOwner Owner,
    Dictionary<string, ISet<int>>? Scores);

[StreamingDataset]
public partial record SetTagList(int Id, string[] Tags);

[StreamingDataset]
public partial record SetTagSet(int Id, HashSet<string> Tags);
