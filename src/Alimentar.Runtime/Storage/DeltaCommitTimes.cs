using System.Text.Json;

namespace Alimentar.Storage;

/// <summary>
/// When each version of a Delta table was made, as the protocol dates them, and so the version a table was at at a
/// moment: the newest commit made at or before it. A commit is dated by its in-commit timestamp (the
/// <c>inCommitTimestamp</c> of the <c>commitInfo</c> action, which a table with that feature writes first in every
/// commit from the one that turned it on) or else by its file's modification time. Modification times are made
/// increasing as Delta's own readers make them (a commit dated no later than the one before it counts one millisecond
/// after it), since clocks, stores and copies can disorder them.
/// </summary>
/// <remarks>
/// In-commit timestamps are read from the commits themselves, so finding the first commit that has one and the
/// version at a moment among them reads a logarithmic number of commits, not the whole log.
/// </remarks>
internal static class DeltaCommitTimes
{
    /// <summary>A commit file of the log: its version and its file's modification time, when the store reports one.</summary>
    public readonly record struct Commit(long Version, DateTimeOffset? Modified);

    /// <summary>The newest version whose commit was made at or before <paramref name="moment"/>.</summary>
    /// <param name="table">The table, for errors.</param>
    /// <param name="commits">The log's commit files, in version order.</param>
    /// <param name="readCommit">A commit's text, by version.</param>
    /// <param name="moment">The moment.</param>
    /// <returns>The version; the latest when every commit was made by <paramref name="moment"/>.</returns>
    /// <exception cref="SourceUnavailableException">The log holds no commit, or none made as early as <paramref name="moment"/>.</exception>
    /// <exception cref="UnsupportedParquetFeatureException">A commit has no in-commit timestamp and its file no modification time, or its first line is not JSON.</exception>
    /// <exception cref="CorruptParquetFileException">A commit's in-commit timestamp is not a time in milliseconds.</exception>
    public static long VersionAt(string table, IReadOnlyList<Commit> commits, Func<long, string> readCommit, DateTimeOffset moment)
    {
        if (commits.Count == 0)
        {
            throw AlimentarThrow.Unavailable(table, $"its {DeltaLog.Folder} folder holds no commit to date a version by (a log cleaned up to a checkpoint keeps only its latest version)");
        }

        var inCommit = new Dictionary<int, long?>();
        long? InCommitTimestamp(int index)
        {
            if (!inCommit.TryGetValue(index, out long? stamp))
            {
                inCommit[index] = stamp = ReadInCommitTimestamp(table, commits[index].Version, readCommit(commits[index].Version));
            }

            return stamp;
        }

        // Once turned on, every later commit carries one: the commits that do are a suffix of the log. A commit past the
        // first found without one (the feature turned off and on again, or a damaged commit) falls back to its file's time.
        int firstStamped = InCommitTimestamp(commits.Count - 1) is null ? commits.Count : FirstIndex(commits.Count - 1, index => InCommitTimestamp(index) is not null);
        DateTimeOffset?[] modified = ModificationTimes(commits);
        DateTimeOffset MadeAt(int index) =>
            (index >= firstStamped && InCommitTimestamp(index) is long stamp ? DateTimeOffset.FromUnixTimeMilliseconds(stamp) : modified[index])
            ?? throw AlimentarThrow.Unsupported(table, $"its Delta commit {commits[index].Version} has no in-commit timestamp and its store reports no modification time for it, so when it was made is unknown");

        if (MadeAt(0) > moment)
        {
            throw AlimentarThrow.Unavailable(table, $"it has no version as early as {Instant(moment)}: its earliest commit kept, version {commits[0].Version}, was made at {Instant(MadeAt(0))}");
        }

        // The last commit made by the moment is the one before the first made after it.
        int firstAfter = FirstIndex(commits.Count, index => MadeAt(index) > moment);
        return commits[firstAfter - 1].Version;
    }

    /// <summary>The first index below <paramref name="end"/> at which <paramref name="holds"/> holds, or <paramref name="end"/>; it must hold from there on.</summary>
    private static int FirstIndex(int end, Func<int, bool> holds)
    {
        int low = 0;
        int high = end;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            if (holds(middle))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    /// <summary>The commits' modification times, made increasing; null where the store reports none.</summary>
    private static DateTimeOffset?[] ModificationTimes(IReadOnlyList<Commit> commits)
    {
        var times = new DateTimeOffset?[commits.Count];
        DateTimeOffset? previous = null;
        for (int i = 0; i < commits.Count; i++)
        {
            if (commits[i].Modified is { } time)
            {
                times[i] = previous = previous is { } before && time <= before ? before.AddMilliseconds(1) : time;
            }
        }

        return times;
    }

    /// <summary>The in-commit timestamp of a commit (milliseconds since 1970, UTC), from its first action, or null when it has none.</summary>
    private static long? ReadInCommitTimestamp(string table, long version, string text)
    {
        ReadOnlySpan<char> rest = text.AsSpan().TrimStart();
        int end = rest.IndexOf('\n');
        ReadOnlySpan<char> first = end < 0 ? rest : rest[..end];
        if (first.IsWhiteSpace())
        {
            return null;
        }

        try
        {
            using JsonDocument action = JsonDocument.Parse(first.ToString());
            if (action.RootElement.ValueKind != JsonValueKind.Object
                || !action.RootElement.TryGetProperty("commitInfo", out JsonElement info) || info.ValueKind != JsonValueKind.Object
                || !info.TryGetProperty("inCommitTimestamp", out JsonElement stamp) || stamp.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return stamp.ValueKind == JsonValueKind.Number && stamp.TryGetInt64(out long milliseconds)
                && milliseconds >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
                ? milliseconds
                : throw AlimentarThrow.Corrupt(table, $"its Delta commit {version} has an in-commit timestamp that is not a time in milliseconds ({stamp.GetRawText()})");
        }
        catch (JsonException error)
        {
            throw AlimentarThrow.Unsupported(table, $"its Delta commit {version} holds a line that is not JSON", inner: error);
        }
    }

    private static string Instant(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
