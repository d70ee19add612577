namespace Alimentar;

/// <summary>A pool that gives back at full collections what its work no longer uses (see <see cref="FullCollectionCallback"/>).</summary>
internal interface ITrimmable
{
    /// <summary>Drops what sat unused since the previous trim, or everything when <paramref name="all"/>.</summary>
    /// <param name="all">Whether to drop everything kept, as under high memory load.</param>
    /// <returns>How many items were dropped.</returns>
    int Trim(bool all = false);
}
