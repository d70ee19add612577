using Alimentar.Storage;

namespace Alimentar.Runtime.Tests;

public sealed class DeltaCommitTimesTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Commits_after_in_commit_timestamps_were_turned_on_are_dated_by_them_reading_few_commits()
    {
        // 1,000 commits a minute apart by file time; from version 600 on each carries a timestamp an hour after its file.
        var commits = Enumerable.Range(0, 1_000).Select(v => new DeltaCommitTimes.Commit(v, Start.AddMinutes(v))).ToList();
        var read = new List<long>();
        string Text(long version)
        {
            read.Add(version);
            return version >= 600
                ? $$$"""{"commitInfo":{"inCommitTimestamp":{{{Start.AddMinutes(version).AddHours(1).ToUnixTimeMilliseconds()}}},"operation":"WRITE"}}""" + "\n{\"add\":{}}"
                : """{"commitInfo":{"operation":"WRITE"}}""";
        }

        Assert.Equal(599, DeltaCommitTimes.VersionAt("t", commits, Text, Start.AddMinutes(599)));
        Assert.Equal(599, DeltaCommitTimes.VersionAt("t", commits, Text, Start.AddMinutes(600).AddHours(1).AddTicks(-1)));   // commit 600's file time does not count
        Assert.Equal(600, DeltaCommitTimes.VersionAt("t", commits, Text, Start.AddMinutes(600).AddHours(1)));
        Assert.Equal(999, DeltaCommitTimes.VersionAt("t", commits, Text, Start.AddDays(2)));
        Assert.InRange(read.Count, 1, 4 * 2 * 11);   // four searches of about two binary searches over 1,000 commits
    }

    [Fact]
    public void In_commit_timestamps_turned_off_and_on_again_leave_the_commits_between_to_their_files_times()
    {
        // Commits a day apart by file time; 3-6 stamped; 7 not (the feature off for it); 8 and 9 stamped again.
        var commits = Enumerable.Range(0, 10).Select(v => new DeltaCommitTimes.Commit(v, Start.AddDays(v))).ToList();
        string Text(long version) => version is >= 3 and not 7
            ? $$$"""{"commitInfo":{"inCommitTimestamp":{{{Start.AddDays(version).AddMinutes(5).ToUnixTimeMilliseconds()}}}}}"""
            : """{"commitInfo":{}}""";

        Assert.Equal(9, DeltaCommitTimes.VersionAt("t", commits, Text, Start.AddDays(30)));
        Assert.Equal(8, DeltaCommitTimes.VersionAt("t", commits, Text, Start.AddDays(8).AddMinutes(5)));
        Assert.Equal(7, DeltaCommitTimes.VersionAt("t", commits, Text, Start.AddDays(8)));
        Assert.Equal(2, DeltaCommitTimes.VersionAt("t", commits, Text, Start.AddDays(2.5)));
    }

    [Fact]
    public void A_commit_with_neither_an_in_commit_timestamp_nor_a_file_time_cannot_be_dated()
    {
        DeltaCommitTimes.Commit[] commits = [new(0, Start), new(1, null), new(2, Start.AddDays(1))];

        var error = Assert.Throws<UnsupportedParquetFeatureException>(() => DeltaCommitTimes.VersionAt("s3://lake/t", commits, _ => "{\"commitInfo\":{}}", Start));

        Assert.Contains("commit 1 has no in-commit timestamp and its store reports no modification time", error.Message, StringComparison.Ordinal);
        Assert.Contains("s3://lake/t", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_log_with_no_commit_or_a_first_line_that_is_not_json_is_refused()
    {
        Assert.Throws<SourceUnavailableException>(() => DeltaCommitTimes.VersionAt("t", [], _ => "", Start));
        Assert.Throws<UnsupportedParquetFeatureException>(() => DeltaCommitTimes.VersionAt("t", [new(0, Start)], _ => "{\"commitInfo\":", Start));
        Assert.Equal(0, DeltaCommitTimes.VersionAt("t", [new(0, Start)], _ => "\n\n", Start));
    }
}
