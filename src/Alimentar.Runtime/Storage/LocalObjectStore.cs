using System.Globalization;
using System.Runtime.CompilerServices;

namespace Alimentar;

/// <summary>
/// A directory seen as an object store: keys are paths under it with <c>/</c> between parts, the ETag is the
/// file's length and last write time. For code that takes any <see cref="IObjectStore"/>, and tests.
/// </summary>
public sealed class LocalObjectStore : IWritableObjectStore
{
    private readonly string _root;

    /// <summary>A store over <paramref name="rootDirectory"/>.</summary>
    /// <param name="rootDirectory">The directory keys are relative to.</param>
    /// <exception cref="SourceUnavailableException">The directory does not exist.</exception>
    public LocalObjectStore(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        if (!Directory.Exists(rootDirectory))
        {
            throw AlimentarThrow.Unavailable(rootDirectory, "the directory does not exist");
        }

        _root = Path.GetFullPath(rootDirectory);
    }

    /// <inheritdoc />
    public string Name => _root;

    /// <inheritdoc />
    public ValueTask<ObjectInfo> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        var file = new FileInfo(PathOf(key));
        if (!file.Exists)
        {
            throw new ObjectStoreException($"'{key}' does not exist under {_root}", 404, isTransient: false);
        }

        return ValueTask.FromResult(Describe(key, file));
    }

    /// <inheritdoc />
    public async ValueTask ReadAsync(ObjectInfo target, long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        string path = PathOf(target.Key);
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        if (target.ETag is { } pinned && Describe(target.Key, new FileInfo(path)).ETag != pinned)
        {
            throw new ObjectStoreException($"'{target.Key}' was replaced while it was read (it no longer has ETag {pinned})", 412, isTransient: false);
        }

        while (!destination.IsEmpty)
        {
            int read = await RandomAccess.ReadAsync(handle, destination, offset, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new ObjectStoreException($"'{target.Key}' ends at byte {offset}", 416, isTransient: false);
            }

            offset += read;
            destination = destination[read..];
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        await Task.CompletedTask.ConfigureAwait(false);
        foreach (string path in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string key = Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/');
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return Describe(key, new FileInfo(path));
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<IObjectUpload> StartUploadAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IObjectUpload>(new LocalFileUpload(PathOf(key), key));

    private string PathOf(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        string path = Path.GetFullPath(Path.Combine(_root, key));
        if (!path.StartsWith(_root, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The key '{key}' points outside {_root}.", nameof(key));
        }

        return path;
    }

    private static ObjectInfo Describe(string key, FileInfo file) =>
        new(key, file.Length, $"\"{file.Length.ToString("x", CultureInfo.InvariantCulture)}-{file.LastWriteTimeUtc.Ticks.ToString("x", CultureInfo.InvariantCulture)}\"")
        {
            LastModified = new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero),
        };
}
