namespace Alimentar;

/// <summary>An object in an <see cref="IObjectStore"/>: its key, length and (when the store has them) ETag and modification time.</summary>
/// <param name="Key">The key.</param>
/// <param name="Length">The length in bytes.</param>
/// <param name="ETag">The version tag reads are pinned to, or null when the store has none.</param>
/// <remarks>
/// Two descriptions of an object are equal when their key, length and ETag are: those say which bytes a read gets.
/// <see cref="LastModified"/> is left out because stores give it at different precisions in a listing and in a
/// single object's description (S3 lists milliseconds, its HEAD answers whole seconds).
/// </remarks>
public sealed record ObjectInfo(string Key, long Length, string? ETag)
{
    /// <summary>
    /// When the object was last written, as the store reports it, or null when it does not. Delta Lake tables without
    /// in-commit timestamps date their versions by it (<see cref="DeltaTable.VersionAt(IObjectStore, string, DateTimeOffset, ObjectReadOptions?)"/>).
    /// </summary>
    public DateTimeOffset? LastModified { get; init; }

    /// <inheritdoc />
    public bool Equals(ObjectInfo? other) =>
        other is not null && Key == other.Key && Length == other.Length && ETag == other.ETag;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Key, Length, ETag);
}
