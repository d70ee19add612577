using Alimentar.Testing;
using System.Text;
using System.Text.Json.Nodes;

namespace Alimentar.Runtime.Tests;

/// <summary>
/// Checkpoints are files a run reads back after a crash, a copy or a hand edit: a state whose position no run could
/// have reached is refused, naming what is wrong, and no state, however damaged, hangs a pass, reads rows that are not
/// the epoch's, or allocates by a count it claims.
/// </summary>
public sealed class DamagedStateTests
{
    private static readonly int[] UnitSizes = [7, 1, 13, 4, 9, 2, 20, 5, 3, 11, 6, 17];

    public static TheoryData<string, string, string> Damages() => new()
    {
        { "worldSize", "0", "rank 0 of a world of 0" },
        { "rank", "3", "rank 3 of a world of 3" },
        { "rank", "-1", "rank -1 of a world of 3" },
        { "rowsConsumed", "-1", "-1 rows consumed" },
        { "epochWorldSize", "0", "an epoch begun by 0 ranks" },
        { "ranges", """[{"rank":5,"start":0,"rows":3}]""", "a range of 3 rows from row 0 of rank 5 of 4" },
        { "ranges", """[{"rank":0,"start":-2,"rows":3}]""", "a range of 3 rows from row -2 of rank 0" },
        { "ranges", """[{"rank":0,"start":1,"rows":9223372036854775807}]""", "a range of 9223372036854775807 rows from row 1 of rank 0" },
        { "ranges", """[{"rank":0,"start":0,"rows":9223372036854775800},{"rank":1,"start":0,"rows":9}]""", "a range of 9 rows from row 0 of rank 1" },
        { "rowsConsumed", "50", "50 rows consumed of ranges of 4" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void A_checkpoint_holding_a_position_no_run_reaches_is_refused_on_reading_and_on_resuming(string field, string value, string named)
    {
        using MemorySource<Item> source = TestData.UnevenSource(UnitSizes);
        JsonNode json = JsonNode.Parse(ElasticState(source).ToBytes())!;
        json[field] = JsonNode.Parse(value);
        StreamingState damaged = ElasticState(source) with
        {
            WorldSize = json["worldSize"]!.GetValue<int>(),
            Rank = json["rank"]!.GetValue<int>(),
            RowsConsumed = json["rowsConsumed"]!.GetValue<long>(),
            EpochWorldSize = json["epochWorldSize"]!.GetValue<int>(),
            Ranges = [.. json["ranges"]!.AsArray().Select(r => new EpochRange(r!["rank"]!.GetValue<int>(), r["start"]!.GetValue<long>(), r["rows"]!.GetValue<long>()))],
        };

        FormatException read = Assert.Throws<FormatException>(() => StreamingState.FromBytes(Encoding.UTF8.GetBytes(json.ToJsonString())));
        ArgumentException resumed = Assert.Throws<ArgumentException>(() => Configure(source, 0, 4).ResumeFrom(damaged));
        ArgumentException resumedAll = Assert.Throws<ArgumentException>(() => Configure(source, 0, 4).ResumeFrom([damaged]));

        Assert.Contains($"The streaming state is damaged: it holds {named}", read.Message, StringComparison.Ordinal);
        Assert.Contains($"is damaged: it holds {named}", resumed.Message, StringComparison.Ordinal);
        Assert.Contains($"is damaged: it holds {named}", resumedAll.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_world_of_billions_claimed_by_one_state_is_refused_naming_a_few_missing_ranks_not_listing_them_all()
    {
        // On a machine set to German, too: the message's numbers are written alike everywhere.
        using var culture = new CultureScope();
        using MemorySource<Item> source = TestData.UnevenSource(UnitSizes);
        StreamingState huge = Configure(source, 0, 2).GetState() with { WorldSize = int.MaxValue };

        var error = Assert.Throws<InvalidOperationException>(() => Configure(source, 0, 3).ResumeFrom([huge]));

        Assert.Contains("rank 1, 2, 3, 4, 5, 6, 7, 8 and 2,147,483,638 more missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Randomly_damaged_checkpoints_are_refused_or_resumed_and_never_hang_or_fail_otherwise()
    {
        int trials = int.TryParse(Environment.GetEnvironmentVariable("ALIMENTAR_DAMAGED_STATES"), out int asked) ? asked : 300;
        long[] values = [-1, 0, 1, 2, 3, 5, 40, int.MaxValue, int.MinValue, long.MaxValue, long.MinValue, (long)int.MaxValue + 1];
        string[] fields = ["rank", "worldSize", "rowsConsumed", "epochWorldSize", "ranges", "epoch", "seed", "shuffleWindow"];
        using MemorySource<Item> source = TestData.UnevenSource(UnitSizes);
        int epochRows = UnitSizes.Sum();
        var random = new Random(20261207);
        for (int trial = 0; trial < trials; trial++)
        {
            int from = random.Next(1, 5);
            int to = random.Next(1, 5);
            var states = new List<JsonNode>();
            for (int rank = 0; rank < from; rank++)
            {
                Read(Configure(source, rank, from), random.Next(0, 30), out StreamingState state);
                states.Add(JsonNode.Parse(state.ToBytes())!);
            }

            JsonNode victim = states[random.Next(states.Count)];
            string field = fields[random.Next(fields.Length)];
            long value = values[random.Next(values.Length)];
            if (field == "ranges")
            {
                victim["epochWorldSize"] = from;
                victim["ranges"] = new JsonArray(new JsonObject { ["rank"] = random.Next(-1, from + 1), ["start"] = value, ["rows"] = random.Next(-1, 30) });
            }
            else
            {
                victim[field] = value;
            }

            string trialName = $"trial {trial}: {from} ranks to {to}, {field} = {value}";
            List<StreamingState> parsed;
            try
            {
                parsed = [.. states.Select(json => StreamingState.FromBytes(Encoding.UTF8.GetBytes(json.ToJsonString())))];
            }
            catch (FormatException)
            {
                continue;
            }

            for (int rank = 0; rank < to; rank++)
            {
                int newRank = rank;
                Task<int?> pass = Task.Run(() =>
                {
                    StreamingDataset<Item> streaming = Configure(source, newRank, to);
                    try
                    {
                        streaming.ResumeFrom(parsed);
                    }
                    catch (Exception refused) when (refused is InvalidOperationException or ArgumentException)
                    {
                        streaming.Dispose();
                        return (int?)null;
                    }

                    return Read(streaming, int.MaxValue, out _).Length;
                });

                Assert.True(await Task.WhenAny(pass, Task.Delay(TimeSpan.FromSeconds(30))) == pass, $"{trialName}: rank {rank} hangs");
                int? rows = await pass;
                Assert.True(rows is null || (rows >= 0 && rows <= epochRows), $"{trialName}: rank {rank} read {rows} rows of an epoch of {epochRows}");
            }
        }
    }

    /// <summary>A state rank 0 of 3 takes after an elastic resume from 4 ranks: it has ranges of the 4-rank plan.</summary>
    private static StreamingState ElasticState(MemorySource<Item> source)
    {
        List<StreamingState> states = [.. Enumerable.Range(0, 4).Select(rank => Configure(source, rank, 4).GetState())];
        Read(Configure(source, 0, 3).ResumeFrom(states), 2, out StreamingState state);
        return state with { RowsConsumed = 0, Ranges = [state.Ranges[0] with { Rows = 4 }] };
    }

    private static StreamingDataset<Item> Configure(MemorySource<Item> source, int rank, int world) =>
        new StreamingDataset<Item>(source, 4).WithShard(new ShardPlan(rank, world)).WithShuffle(7);

    private static int[] Read(StreamingDataset<Item> streaming, int rows, out StreamingState state) =>
        Testing.Resumption.Read(streaming, rows, item => item.Id, out state);
}
