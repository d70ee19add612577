namespace Alimentar.Runtime.Tests;

public sealed class HivePartitionTests
{
    [Fact]
    public void Key_value_directories_are_read_unescaped_the_file_name_is_not_and_the_innermost_of_a_repeated_key_wins()
    {
        IReadOnlyList<(string Key, string Value)> partitions = HivePartition.Of("/data/trips/year=2024/at=2024-03-01%2010%3A30%3A00/year=2025/zone=/x=1.parquet");

        Assert.Equal([("at", "2024-03-01 10:30:00"), ("year", "2025"), ("zone", string.Empty)], partitions);
    }

    [Fact]
    public void Windows_paths_and_object_keys_are_split_alike()
    {
        Assert.Equal([("day", "2024-01-02")], HivePartition.Of(@"C:\data\day=2024-01-02\part-0.parquet"));
        Assert.Equal([("day", "2024-01-02")], HivePartition.Of("s3://bucket/data/day=2024-01-02/part-0.parquet"));
        Assert.Empty(HivePartition.Of("part-0.parquet"));
    }
}
