namespace Alimentar;

/// <summary>What sharding does with the rows of an epoch that cannot be split equally among the ranks.</summary>
public enum ShardRemainder
{
    /// <summary>Leaves them out of this epoch (fewer than the world size; the permutation moves them each epoch).</summary>
    Drop,

    /// <summary>Gives every rank one more row where needed, repeating rows from the start of the epoch's order.</summary>
    Pad,
}
