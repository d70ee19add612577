namespace Alimentar.IntegrationTests;

/// <summary>A stream that can be read front to back only, as a pipe or a network response is.</summary>
internal sealed class ForwardOnlyStream(Stream inner) : ReadOnlyStreamWrapper(inner)
{
    public ForwardOnlyStream(byte[] bytes)
        : this(new MemoryStream(bytes, writable: false))
    {
    }

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
}
