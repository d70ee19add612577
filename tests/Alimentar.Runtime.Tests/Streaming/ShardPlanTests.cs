namespace Alimentar.Runtime.Tests;

public sealed class ShardPlanTests
{
    [Theory]
    [InlineData("RANK", "WORLD_SIZE")]
    [InlineData("JOB_COMPLETION_INDEX", "JOB_COMPLETIONS")]
    [InlineData("SLURM_PROCID", "SLURM_NTASKS")]
    [InlineData("OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE")]
    [InlineData("PMI_RANK", "PMI_SIZE")]
    public void Each_launchers_variables_give_the_rank_and_world(string rankVariable, string sizeVariable)
    {
        ShardPlan plan = ShardPlan.FromEnvironment(Variables((rankVariable, "3"), (sizeVariable, "8")));

        Assert.Equal(new ShardPlan(3, 8), plan);
    }

    [Fact]
    public void Two_launchers_that_agree_are_fine_and_two_that_disagree_are_an_error()
    {
        Assert.Equal(new ShardPlan(1, 4), ShardPlan.FromEnvironment(Variables(("RANK", "1"), ("WORLD_SIZE", "4"), ("SLURM_PROCID", "1"), ("SLURM_NTASKS", "4"))));

        var error = Assert.Throws<InvalidOperationException>(() => ShardPlan.FromEnvironment(Variables(("RANK", "1"), ("WORLD_SIZE", "4"), ("SLURM_PROCID", "2"), ("SLURM_NTASKS", "4"))));
        Assert.Contains("more than one shard", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_a_distributed_launch_the_process_reads_the_whole_epoch()
    {
        Assert.Equal(new ShardPlan(0, 1), ShardPlan.FromEnvironment(Variables()));
        Assert.Equal(ShardPlan.Single, ShardPlan.FromEnvironment(Variables(("SLURM_JOB_ID", "77"), ("HOSTNAME", "laptop"))));
    }

    [Theory]
    [InlineData(new[] { "LOCAL_RANK", "1" }, "LOCAL_RANK is set, as in a distributed launch, but no rank and world size")]
    [InlineData(new[] { "LOCAL_RANK", "1", "TORCHELASTIC_RUN_ID", "x" }, "LOCAL_RANK and TORCHELASTIC_RUN_ID are set")]
    [InlineData(new[] { "RANK", "2" }, "RANK is set but WORLD_SIZE is not")]
    [InlineData(new[] { "RANK", "4", "WORLD_SIZE", "4" }, "do not name a rank within a world")]
    [InlineData(new[] { "RANK", "x", "WORLD_SIZE", "4" }, "do not name a rank within a world")]
    public void Missing_half_set_or_impossible_variables_are_an_error_saying_what_to_set(string[] pairs, string message)
    {
        var variables = Enumerable.Range(0, pairs.Length / 2).Select(i => (pairs[2 * i], pairs[2 * i + 1])).ToArray();

        var error = Assert.Throws<InvalidOperationException>(() => ShardPlan.FromEnvironment(Variables(variables)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rank_outside_the_world_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShardPlan(2, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShardPlan(0, 0));
    }

    private static Func<string, string?> Variables(params (string Name, string Value)[] values)
    {
        var map = values.ToDictionary(v => v.Name, v => v.Value);
        return name => map.GetValueOrDefault(name);
    }
}
