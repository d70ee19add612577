using System.Text;

namespace Alimentar.IntegrationTests;

/// <summary>
/// Delta logs damaged at random, in their commits and deletion vectors: a table is read or refused with an
/// <see cref="AlimentarException"/>, never another exception, and never by allocating what a number in the log claims.
/// </summary>
public sealed class DamagedDeltaLogTests : IDisposable
{
    private readonly TempDirectory _copy = new();

    public void Dispose() => _copy.Dispose();

    public static TheoryData<string> TableNames() => ["table-with-dv-small", "table_with_column_mapping", "table_with_partitioning_mapping", "checkpoint-v2-table", "cdc_ict_table"];

    [Theory]
    [MemberData(nameof(TableNames))]
    public void Every_damaged_commit_reads_or_fails_as_an_Alimentar_exception(string name)
    {
        string table = Copy(name);
        string[] commits = Directory.GetFiles(Path.Combine(table, "_delta_log"), "*.json");
        var random = new Random(name.Length);
        byte[] alphabet = Encoding.ASCII.GetBytes("{}[]\":,0123456789-eE.truefalsnl \\u");
        for (int trial = 0; trial < 150; trial++)
        {
            string commit = commits[random.Next(commits.Length)];
            byte[] original = File.ReadAllBytes(commit);
            byte[] damaged = (byte[])original.Clone();
            for (int edits = random.Next(1, 4); edits > 0; edits--)
            {
                damaged[random.Next(damaged.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            File.WriteAllBytes(commit, damaged);
            try
            {
                ReadAll(table);
            }
            catch (AlimentarException)
            {
            }

            // The statistics a filter judges files by, and the timestamps a moment is found by, come from the same commits.
            try
            {
                foreach (var _ in ParquetFiles.ReadAll(ParquetSource<DeltaAnything>.FromDirectory(table, configure: s => s.MissingColumnsAsNull().Where(r => r.Id > 3 || r.Value < 5 || r.Name == "Mallory"))))
                {
                }
            }
            catch (AlimentarException)
            {
            }

            try
            {
                DeltaTable.VersionAt(table, DateTimeOffset.FromUnixTimeMilliseconds(1783874212175 + random.Next(-5_000, 5_000)));
            }
            catch (AlimentarException)
            {
            }
            finally
            {
                File.WriteAllBytes(commit, original);
            }
        }
    }

    [Fact]
    public void Deletion_vector_sizes_offsets_and_counts_the_file_cannot_hold_fail_as_Alimentar_exceptions_from_a_folder_and_a_store()
    {
        string table = Copy("table-with-dv-small");
        string commit = Path.Combine(table, "_delta_log", $"{1:D20}.json");
        string original = File.ReadAllText(commit);
        string[] damage =
        [
            "\"sizeInBytes\":2147483000", "\"sizeInBytes\":-5", "\"offset\":9999999999", "\"offset\":9223372036854775800", "\"offset\":-3", "\"cardinality\":-1",
            "\"storageType\":\"i\"", "\"pathOrInlineDv\":\"\"", "\"deletionVector\":5,\"x\":{", "\"partitionValues\":[1],\"y\":{",
        ];
        foreach (string replacement in damage)
        {
            string field = replacement[1..replacement.IndexOf('"', 1)];
            string damaged = System.Text.RegularExpressions.Regex.Replace(original, $"\"{field}\":(\"[^\"]*\"|-?[0-9]+|\\{{)", replacement.Replace("$", "$$"));
            File.WriteAllText(commit, damaged);
            foreach (Func<IBatchSource<DeltaAnything>> open in new Func<IBatchSource<DeltaAnything>>[]
            {
                () => ParquetSource<DeltaAnything>.FromDirectory(table, configure: s => s.MissingColumnsAsNull()),
                () => ParquetSource<DeltaAnything>.FromStore(new LocalObjectStore(_copy.Path), "table-with-dv-small/", s => s.MissingColumnsAsNull()),
            })
            {
                try
                {
                    ParquetFiles.ReadAll(open());
                }
                catch (AlimentarException)
                {
                }
            }
        }
    }

    [Theory]
    [InlineData("""{"add":5}""")]
    [InlineData("""{"add":{"path":7}}""")]
    [InlineData("""{"remove":[]}""")]
    [InlineData("""{"metaData":{"schemaString":5,"configuration":{"delta.columnMapping.mode":"name"}}}""")]
    [InlineData("""{"metaData":{"schemaString":"{\"type\":\"struct\",\"fields\":[{\"name\":1}]}","configuration":{"delta.columnMapping.mode":"name"}}}""")]
    [InlineData("""{"protocol":{"readerFeatures":"deletionVectors"}}""")]
    [InlineData("""{"protocol":5}""")]
    [InlineData("""{"sidecar":{"path":"x.parquet"}}""")]
    [InlineData("""{"add":{"path":"part-00000-fae5310a-a37d-4e51-827b-c3d5516560ca-c000.snappy.parquet","partitionValues":{"value":{"x":1}},"deletionVector":{"storageType":"u","pathOrInlineDv":"vBn[lx{q8@P<9BNH/isA","offset":1,"sizeInBytes":2000000000,"cardinality":2}}}""")]
    [InlineData("[1,2,3]")]
    [InlineData("null")]

    // Found by the Delta fuzzer: statistics and schemas of the wrong JSON kind threw InvalidOperationException.
    [InlineData("""{"add":{"path":"part-00000-fae5310a-a37d-4e51-827b-c3d5516560ca-c000.snappy.parquet","partitionValues":{},"size":635,"stats":"{\"numRecords\":{\"value\":9},\"minValues\":{\"value\":0}}"}}""")]
    [InlineData("""{"metaData":{"schemaString":"5"}}""")]
    [InlineData("""{"metaData":{"schemaString":"[{\"fields\":[]}]"}}""")]
    public void Hostile_actions_fail_as_Alimentar_exceptions_or_are_ignored(string line)
    {
        string table = Copy("table-with-dv-small");
        File.AppendAllText(Path.Combine(table, "_delta_log", $"{1:D20}.json"), line + "\n");
        // The log and its vectors are read on this thread, when the source is made.
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            ParquetSource<DeltaAnything>.FromDirectory(table, configure: s => s.MissingColumnsAsNull());
            ReadAll(table);
        }
        catch (AlimentarException)
        {
        }

        // A filter judges files by the statistics in the log.
        try
        {
            ParquetFiles.ReadAll(ParquetSource<DeltaAnything>.FromDirectory(table, configure: s => s.MissingColumnsAsNull().Where(r => r.Value < 5)));
        }
        catch (AlimentarException)
        {
        }

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 100_000_000, "a size in the log was allocated");
    }

    private static void ReadAll(string table)
    {
        foreach (var _ in ParquetFiles.ReadAll(ParquetSource<DeltaAnything>.FromDirectory(table, configure: s => s.MissingColumnsAsNull())))
        {
        }
    }

    private string Copy(string name) => DeltaTables.CopyOf(name, _copy.Path);
}

/// <summary>A row any of the tables binds: every member nullable, read as null where a table lacks it.</summary>
[StreamingDataset]
public partial record DeltaAnything(long? Id, int? Value, string? Name, string? Description);
