namespace Alimentar;

/// <summary>
/// A stretch of an epoch's order, named the way the epoch was planned: rows <see cref="Start"/> to
/// <see cref="Start"/> + <see cref="Rows"/> of what rank <see cref="Rank"/> reads in that plan (its shard, in its
/// shuffled order). After an elastic resume (<see cref="StreamingDataset{T}.ResumeFrom(IEnumerable{StreamingState})"/>)
/// a rank reads a list of these: what the ranks before the restart had not yet delivered, shared out anew.
/// </summary>
/// <param name="Rank">The rank in the epoch's plan, from 0 to <see cref="StreamingState.EpochWorldSize"/> - 1.</param>
/// <param name="Start">The first row, counted in that rank's order.</param>
/// <param name="Rows">How many rows.</param>
public readonly record struct EpochRange(int Rank, long Start, long Rows);
