using System.Runtime.InteropServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Alimentar;

/// <summary>
/// One object written to S3: 8 MiB parts sent as a multipart upload, completed when the object is whole; an object
/// smaller than a part is one <c>PutObject</c> at completion. Disposed without completing, the multipart upload is
/// aborted, so no part lingers and nothing appears under the key.
/// </summary>
internal sealed class S3Upload(IAmazonS3 client, string bucket, string key) : PartedObjectUpload(key, PartBytes)
{
    /// <summary>S3's parts must be at least 5 MiB, all but the last.</summary>
    private const int PartBytes = 8 << 20;

    private readonly List<PartETag> _parts = [];
    private string? _uploadId;

    protected override async ValueTask SendPartAsync(ReadOnlyMemory<byte> part, int number, CancellationToken cancellationToken)
    {
        try
        {
            _uploadId ??= (await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = Key }, cancellationToken).ConfigureAwait(false)).UploadId;
            using var stream = AsStream(part);
            UploadPartResponse response = await client.UploadPartAsync(
                new UploadPartRequest { BucketName = bucket, Key = Key, UploadId = _uploadId, PartNumber = number + 1, PartSize = part.Length, InputStream = stream }, cancellationToken).ConfigureAwait(false);
            _parts.Add(new PartETag(number + 1, response.ETag));
        }
        catch (AmazonServiceException error)
        {
            throw S3ObjectStore.Translate(error, Key);
        }
    }

    protected override async ValueTask CommitAsync(ReadOnlyMemory<byte> rest, CancellationToken cancellationToken)
    {
        try
        {
            if (_uploadId is null)
            {
                using var whole = AsStream(rest);
                await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = Key, InputStream = whole, AutoCloseStream = false }, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (!rest.IsEmpty)
            {
                await SendPartAsync(rest, PartsSent, cancellationToken).ConfigureAwait(false);
            }

            await client.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = bucket, Key = Key, UploadId = _uploadId, PartETags = _parts }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException error)
        {
            throw S3ObjectStore.Translate(error, Key);
        }
    }

    protected override async ValueTask AbortAsync()
    {
        if (_uploadId is { } uploadId)
        {
            _uploadId = null;
            await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = Key, UploadId = uploadId }).ConfigureAwait(false);
        }
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out ArraySegment<byte> segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
}
