using System.Buffers;

namespace Alimentar.Parquet.Reading.Codecs;

/// <summary>
/// SNAPPY pages, decompressed straight into the page buffer. Snappier's span-to-span call decompresses into
/// a buffer of the whole page rented from <see cref="ArrayPool{T}.Shared"/> and copies it out: twice the
/// work, and that pool keeps a page-sized array per thread and core, which for one-page column chunks held
/// more memory than the pages being read. Its buffer-writer call writes where it is told, so this hands it
/// the page buffer itself.
/// </summary>
internal sealed class SnappyCodec : IBufferWriter<byte>
{
    private Memory<byte> _target;
    private int _written;

    public int Decompress(ReadOnlyMemory<byte> source, Memory<byte> destination)
    {
        _target = destination;
        _written = 0;
        try
        {
            Snappier.Snappy.Decompress(new ReadOnlySequence<byte>(source), this);
            return _written;
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"a SNAPPY page is corrupt: {error.Message}", error);
        }
        finally
        {
            _target = default;
        }
    }

    /// <summary>A page longer than its header declares is corrupt: it is refused, not given more room.</summary>
    public Memory<byte> GetMemory(int sizeHint = 0) =>
        sizeHint <= _target.Length - _written
            ? _target[_written..]
            : throw new InvalidDataException($"a SNAPPY page decompresses to at least {_written + sizeHint} bytes where its header declares {_target.Length}");

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _target.Length - _written);
        _written += count;
    }
}
