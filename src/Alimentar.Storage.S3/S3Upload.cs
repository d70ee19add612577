using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Alimentar;

/// <summary>
/// One object written to S3: bytes gather into 8 MiB parts sent as a multipart upload, completed when the object is
/// whole; an object smaller than a part is one <c>PutObject</c> at completion. Disposed without completing, the
/// multipart upload is aborted, so no part lingers and nothing appears under the key.
/// </summary>
internal sealed class S3Upload(IAmazonS3 client, string bucket, string key) : IObjectUpload
{
    /// <summary>S3's parts must be at least 5 MiB, all but the last.</summary>
    private const int PartSize = 8 << 20;

    private readonly List<PartETag> _parts = [];
    private byte[] _buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(PartSize);
    private int _buffered;
    private string? _uploadId;
    private bool _completed;

    public string Key => key;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        while (!bytes.IsEmpty)
        {
            int take = Math.Min(bytes.Length, PartSize - _buffered);
            bytes.Span[..take].CopyTo(_buffer.AsSpan(_buffered));
            _buffered += take;
            bytes = bytes[take..];
            if (_buffered == PartSize)
            {
                await SendPartAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_uploadId is null)
            {
                using var whole = new MemoryStream(_buffer, 0, _buffered, writable: false);
                await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = whole, AutoCloseStream = false }, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                if (_buffered > 0)
                {
                    await SendPartAsync(cancellationToken).ConfigureAwait(false);
                }

                await client.CompleteMultipartUploadAsync(
                    new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = _uploadId, PartETags = _parts }, cancellationToken).ConfigureAwait(false);
            }

            _completed = true;
        }
        catch (AmazonServiceException error)
        {
            throw S3ObjectStore.Translate(error, key);
        }
    }

    public async ValueTask DisposeAsync()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        if (!_completed && _uploadId is { } uploadId)
        {
            _uploadId = null;
            await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId }).ConfigureAwait(false);
        }
    }

    private async ValueTask SendPartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _uploadId ??= (await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key }, cancellationToken).ConfigureAwait(false)).UploadId;
            int number = _parts.Count + 1;
            using var part = new MemoryStream(_buffer, 0, _buffered, writable: false);
            UploadPartResponse response = await client.UploadPartAsync(
                new UploadPartRequest { BucketName = bucket, Key = key, UploadId = _uploadId, PartNumber = number, PartSize = _buffered, InputStream = part }, cancellationToken).ConfigureAwait(false);
            _parts.Add(new PartETag(number, response.ETag));
            _buffered = 0;
        }
        catch (AmazonServiceException error)
        {
            throw S3ObjectStore.Translate(error, key);
        }
    }
}
