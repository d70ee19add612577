using System.Buffers;
using Apache.Arrow.Memory;

namespace Alimentar.Arrow;

/// <summary>
/// The memory Arrow's reader allocates for a stream, held per message to what that message can need: its body, what a
/// compressed body's buffers can decompress to, and for a dictionary delta the dictionary it extends. Arrow's reader sizes
/// these from the message itself, and reads a buffer entry past the end of a short buffer vector before noticing it is
/// short: a 2.9 KB record batch whose vector claimed no buffers had it decompress one it found past the vector's end, and
/// allocate 1.2 GB for it. <see cref="CheckedArrowStream"/> opens each message's budget as it hands the message over.
/// </summary>
internal sealed class ArrowAllocationBudget : NativeMemoryAllocator
{
    /// <summary>Room for the small allocations a message may need beyond its body (empty or realigned buffers).</summary>
    private const long Slack = 1 << 20;

    private long _offset;
    private long _left;
    private bool _dictionary;

    /// <summary>What the stream's dictionary messages have allocated: a delta's concatenation may allocate it again.</summary>
    private long _dictionaryBytes;

    /// <summary>Opens the budget of <paramref name="message"/>, found at <paramref name="offset"/>.</summary>
    /// <param name="offset">Where the message starts, for the error.</param>
    /// <param name="message">The message: its body, which Arrow's reader allocates, and whether it is a dictionary batch or a delta.</param>
    /// <param name="decompressed">The most its buffers can decompress to (0 when not compressed).</param>
    public void Open(long offset, ArrowMessage message, long decompressed)
    {
        _offset = offset;
        _dictionary = message.IsDictionary;
        long own = message.BodyLength + decompressed;

        // A delta is decoded, then concatenated with the dictionary before it into buffers new again.
        _left = own + Slack + (message.IsDelta ? _dictionaryBytes + own : 0);
    }

    /// <summary>Closes the budget: bytes that frame no message get nothing.</summary>
    public void Close() => _left = 0;

    protected override IMemoryOwner<byte> AllocateInternal(int length, out int bytesAllocated)
    {
        if (length > _left)
        {
            throw new InvalidDataException($"decoding the message at offset {_offset} asks for {length} bytes, more than its body can hold or decompress to");
        }

        _left -= length;
        if (_dictionary)
        {
            _dictionaryBytes += length;
        }

        return base.AllocateInternal(length, out bytesAllocated);
    }
}
