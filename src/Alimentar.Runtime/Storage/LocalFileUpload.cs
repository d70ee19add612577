namespace Alimentar;

/// <summary>
/// A local file written under a hidden temporary name beside its final one (<c>.name.guid.tmp</c>, which no
/// <c>.parquet</c> listing picks up) and renamed over it when complete, so readers see the whole file or none.
/// </summary>
internal sealed class LocalFileUpload : IObjectUpload
{
    private readonly string _path;
    private readonly string _temporary;
    private readonly FileStream _stream;
    private bool _completed;

    public LocalFileUpload(string path, string key)
    {
        _path = Path.GetFullPath(path);
        Key = key;
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _temporary = Path.Combine(Path.GetDirectoryName(_path)!, $".{Path.GetFileName(_path)}.{Guid.NewGuid():N}.tmp");
        _stream = new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, FileOptions.Asynchronous);
    }

    public string Key { get; }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) => _stream.WriteAsync(bytes, cancellationToken);

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        File.Move(_temporary, _path, overwrite: true);
        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_completed)
        {
            return;
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
        try
        {
            File.Delete(_temporary);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Best effort: the name is hidden and unique, and the error that led here matters more.
        }
    }
}
