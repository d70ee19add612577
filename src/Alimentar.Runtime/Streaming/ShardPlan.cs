using System.Globalization;

namespace Alimentar;

/// <summary>
/// Which share of each epoch this process reads: rank <see cref="Rank"/> of <see cref="WorldSize"/>. Every rank
/// gets the same number of rows, the shares are disjoint and together cover the epoch but for a remainder of
/// fewer than <see cref="WorldSize"/> rows, and ranks never talk to each other: each plans from the sources'
/// metadata alone.
/// </summary>
/// <remarks>
/// <para>
/// <b>Elastic resume.</b> When a run stops and comes back with another number of ranks (torchrun
/// <c>--nnodes=2:4</c>, a Kubernetes job that lost a node), every new rank calls
/// <see cref="StreamingDataset{T}.ResumeFrom(IEnumerable{StreamingState})"/> with the checkpoints of all the old
/// ranks. The epoch keeps the order it was planned in for the old world: each old rank's rest (its share after the
/// rows its consumer received) is laid end to end in rank order, and new rank j of M reads the j-th of M contiguous
/// parts, the first (rest mod M) one row longer. Across both runs every row of the epoch is delivered exactly once,
/// with a row shuffle, padded or dropped remainders, and interleaved sources alike; the new states are ranges of the
/// same plan (<see cref="StreamingState.Ranges"/>), so the resumed run can itself stop and resume on yet another world
/// size, or rank by rank. Later epochs are planned for the new world.
/// </para>
/// <para>
/// Parts may differ by one row, and a loop that needs the same number of steps on every rank should take the
/// smallest <see cref="StreamingDataset{T}.TotalRows"/> over ranks, or drop a last partial batch, for that epoch.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// using var streaming = new StreamingDataset&lt;Trip&gt;(source, 16).WithShard(ShardPlan.FromEnvironment());
/// </code>
/// </example>
public sealed record ShardPlan
{
    private static readonly (string Rank, string Size, string Launcher)[] Conventions =
    [
        ("RANK", "WORLD_SIZE", "torchrun"),
        ("JOB_COMPLETION_INDEX", "JOB_COMPLETIONS", "a Kubernetes Indexed Job"),
        ("SLURM_PROCID", "SLURM_NTASKS", "Slurm"),
        ("OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE", "Open MPI"),
        ("PMI_RANK", "PMI_SIZE", "MPICH and Intel MPI"),
    ];

    /// <summary>Variables a distributed launch sets beside its rank and world size; seen alone, the launch lost them.</summary>
    private static readonly string[] LaunchHints = ["LOCAL_RANK", "LOCAL_WORLD_SIZE", "GROUP_RANK", "TORCHELASTIC_RUN_ID"];

    /// <summary>The whole epoch for one process: what <see cref="FromEnvironment()"/> gives outside a distributed launch.</summary>
    public static ShardPlan Single { get; } = new(0, 1);

    /// <summary>Creates the plan for one rank.</summary>
    /// <param name="rank">This process's rank, from 0.</param>
    /// <param name="worldSize">How many processes share each epoch.</param>
    /// <exception cref="ArgumentOutOfRangeException">The world is empty or the rank is outside it.</exception>
    public ShardPlan(int rank, int worldSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(worldSize);
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, worldSize);
        Rank = rank;
        WorldSize = worldSize;
    }

    /// <summary>This process's rank, from 0.</summary>
    public int Rank { get; }

    /// <summary>How many processes share each epoch.</summary>
    public int WorldSize { get; }

    /// <summary>
    /// Drops the rows that cannot be split equally (the default), or pads every rank up to the same count by
    /// repeating rows, e.g. <c>ShardPlan.FromEnvironment() with { Remainder = ShardRemainder.Pad }</c>.
    /// </summary>
    public ShardRemainder Remainder { get; init; }

    /// <summary>
    /// Reads the rank and world size that launchers set: <c>RANK</c>/<c>WORLD_SIZE</c> (torchrun),
    /// <c>JOB_COMPLETION_INDEX</c>/<c>JOB_COMPLETIONS</c> (a Kubernetes Indexed Job; set <c>JOB_COMPLETIONS</c>
    /// from the job's completions), <c>SLURM_PROCID</c>/<c>SLURM_NTASKS</c>,
    /// <c>OMPI_COMM_WORLD_RANK</c>/<c>OMPI_COMM_WORLD_SIZE</c> and <c>PMI_RANK</c>/<c>PMI_SIZE</c>. Where none is set
    /// the process is alone and reads the whole epoch (<see cref="Single"/>), so one script runs on a laptop and under
    /// a launcher; but where a launch left a trace without them (<c>LOCAL_RANK</c>, <c>TORCHELASTIC_RUN_ID</c>...),
    /// reading everything on every rank would repeat the epoch, and that is an error.
    /// </summary>
    /// <returns>The plan they describe.</returns>
    /// <exception cref="InvalidOperationException">One is half set or not a number, two disagree, or a launch set none.</exception>
    public static ShardPlan FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>As <see cref="FromEnvironment()"/>, reading variables through <paramref name="variable"/>.</summary>
    /// <param name="variable">Returns a variable's value, or null when it is not set.</param>
    /// <returns>The plan the variables describe.</returns>
    /// <exception cref="InvalidOperationException">One is half set or not a number, two disagree, or a launch set none.</exception>
    public static ShardPlan FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var found = new List<(ShardPlan Plan, string Source)>();
        foreach ((string rankName, string sizeName, string launcher) in Conventions)
        {
            string? rank = variable(rankName);
            string? size = variable(sizeName);
            if (rank is null && size is null)
            {
                continue;
            }

            if (rank is null || size is null)
            {
                throw new InvalidOperationException($"{(rank is null ? sizeName : rankName)} is set but {(rank is null ? rankName : sizeName)} is not; {launcher} sets both.");
            }

            if (!int.TryParse(rank, NumberStyles.None, CultureInfo.InvariantCulture, out int r) || !int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out int s) || s < 1 || r >= s)
            {
                throw new InvalidOperationException($"{rankName}={rank} and {sizeName}={size} do not name a rank within a world.");
            }

            found.Add((new ShardPlan(r, s), $"{rankName}={r}, {sizeName}={s}"));
        }

        if (found.Count == 0)
        {
            string[] hints = Array.FindAll(LaunchHints, hint => variable(hint) is not null);
            return hints.Length == 0
                ? Single
                : throw new InvalidOperationException(
                    $"{string.Join(" and ", hints)} {(hints.Length == 1 ? "is" : "are")} set, as in a distributed launch, but no rank and world size: set RANK and WORLD_SIZE (torchrun), JOB_COMPLETION_INDEX and JOB_COMPLETIONS (Kubernetes Indexed Job), SLURM_PROCID and SLURM_NTASKS, OMPI_COMM_WORLD_RANK and OMPI_COMM_WORLD_SIZE, or PMI_RANK and PMI_SIZE, or call WithShard(rank, worldSize); reading the whole epoch on every rank would repeat it.");
        }

        if (found.Select(f => f.Plan).Distinct().Count() > 1)
        {
            throw new InvalidOperationException($"The environment names more than one shard: {string.Join("; ", found.Select(f => f.Source))}.");
        }

        return found[0].Plan;
    }
}
