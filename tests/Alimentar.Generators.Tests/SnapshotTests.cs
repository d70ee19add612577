using Xunit.Sdk;

namespace Alimentar.Generators.Tests;

[Collection("Snapshot files")]
public sealed class SnapshotTests
{
    [Fact]
    public void A_mismatch_writes_the_received_file_and_fails_with_a_diff()
    {
        const string method = "Positional_record";
        const string hint = "Demo.Trip.g.cs";
        string verified = File.ReadAllText(Snapshot.PathOf(nameof(GeneratorSnapshotTests), method, hint, "verified"));
        string received = Snapshot.PathOf(nameof(GeneratorSnapshotTests), method, hint, "received");
        string changed = verified.Replace("partial record Trip", "partial record Journey", StringComparison.Ordinal);
        try
        {
            XunitException failure = Assert.ThrowsAny<XunitException>(() => Snapshot.Match(nameof(GeneratorSnapshotTests), method, hint, changed));

            Assert.Contains("- ", failure.Message, StringComparison.Ordinal);
            Assert.Contains("+ ", failure.Message, StringComparison.Ordinal);
            Assert.Contains("partial record Journey", failure.Message, StringComparison.Ordinal);
            Assert.Equal(changed, File.ReadAllText(received));
        }
        finally
        {
            File.Delete(received);
        }
    }

    [Fact]
    public void A_match_leaves_no_received_file()
    {
        string verified = File.ReadAllText(Snapshot.PathOf(nameof(GeneratorSnapshotTests), "Struct_with_fields", "Demo.Point.g.cs", "verified"));

        Snapshot.Match(nameof(GeneratorSnapshotTests), "Struct_with_fields", "Demo.Point.g.cs", verified);

        Assert.False(File.Exists(Snapshot.PathOf(nameof(GeneratorSnapshotTests), "Struct_with_fields", "Demo.Point.g.cs", "received")));
    }
}
