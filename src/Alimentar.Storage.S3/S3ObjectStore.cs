using System.Net;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Alimentar;

/// <summary>
/// An S3 bucket (or any S3-compatible store: MinIO, R2, moto) as an <see cref="IWritableObjectStore"/>. Reads are ranged
/// <c>GetObject</c> requests pinned to the object's ETag; listing pages through <c>ListObjectsV2</c>; writes are
/// multipart uploads of 8 MiB parts, completed only when the object is whole (aborted otherwise). Credentials,
/// region and endpoint come from the <see cref="IAmazonS3"/> client, so the SDK's usual environment and profile
/// chains apply.
/// </summary>
/// <example>
/// <code>
/// var s3 = new S3ObjectStore(new AmazonS3Client(), bucket: "datasets");
/// IBatchSource&lt;Trip&gt; trips = ParquetSource&lt;Trip&gt;.FromStore(s3, prefix: "trips/");
/// </code>
/// </example>
public sealed class S3ObjectStore : IWritableObjectStore
{
    private readonly IAmazonS3 _client;
    private readonly string _bucket;

    /// <summary>A store over <paramref name="bucket"/>.</summary>
    /// <param name="client">The S3 client; the store does not dispose it. Its own retries add to the reader's.</param>
    /// <param name="bucket">The bucket.</param>
    public S3ObjectStore(IAmazonS3 client, string bucket)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        _client = client;
        _bucket = bucket;
    }

    /// <inheritdoc />
    public string Name => $"s3://{_bucket}";

    /// <inheritdoc />
    public async ValueTask<ObjectInfo> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            GetObjectMetadataResponse response = await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            return new ObjectInfo(key, response.ContentLength, response.ETag) { LastModified = Utc(response.LastModified) };
        }
        catch (AmazonServiceException error)
        {
            throw Translate(error, key);
        }
    }

    /// <inheritdoc />
    public async ValueTask ReadAsync(ObjectInfo target, long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (destination.IsEmpty)
        {
            return;
        }

        var request = new GetObjectRequest
        {
            BucketName = _bucket,
            Key = target.Key,
            ByteRange = new ByteRange(offset, offset + destination.Length - 1),
            EtagToMatch = target.ETag,
        };
        try
        {
            using GetObjectResponse response = await _client.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
            if (target.ETag is { } pinned && response.ETag is { } now && now != pinned)
            {
                throw new ObjectStoreException($"'{target.Key}' was replaced while it was read (ETag {pinned}, now {now})", 412, isTransient: false);
            }

            await response.ResponseStream.ReadExactlyAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException error)
        {
            throw Translate(error, target.Key);
        }
        catch (EndOfStreamException error)
        {
            throw new ObjectStoreException($"the response for '{target.Key}' ended before the range did", null, isTransient: true, error);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix };
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            ListObjectsV2Response response;
            try
            {
                response = await _client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonServiceException error)
            {
                throw Translate(error, prefix);
            }

            foreach (S3Object item in response.S3Objects ?? [])
            {
                yield return new ObjectInfo(item.Key, item.Size ?? 0, item.ETag) { LastModified = Utc(item.LastModified) };
            }

            if (response.IsTruncated != true)
            {
                yield break;
            }

            // A store that says there is more but names no new place to go on from would be listed forever.
            string? token = response.NextContinuationToken;
            if (string.IsNullOrEmpty(token) || !tokens.Add(token))
            {
                throw new ObjectStoreException(
                    $"the listing of '{prefix}' in bucket '{_bucket}' is cut off, but {(string.IsNullOrEmpty(token) ? "names no continuation token" : "gives a continuation token it gave before")}",
                    null,
                    isTransient: false);
            }

            request.ContinuationToken = token;
        }
    }

    /// <inheritdoc />
    public ValueTask<IObjectUpload> StartUploadAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return ValueTask.FromResult<IObjectUpload>(new S3Upload(_client, _bucket, key));
    }

    internal static ObjectStoreException Translate(AmazonServiceException error, string key)
    {
        int status = (int)error.StatusCode;
        string what = error.StatusCode == HttpStatusCode.PreconditionFailed
            ? $"'{key}' was replaced while it was read (its ETag no longer matches)"
            : $"S3 answered {status} ({error.ErrorCode ?? error.Message}) for '{key}'";
        return new ObjectStoreException(what, status == 0 ? null : status, status == 0 || ObjectStoreException.IsTransientStatus(status), error);
    }

    /// <summary>The SDK's time as an instant: S3 sends UTC, which an SDK may hand over as local or unspecified time.</summary>
    private static DateTimeOffset? Utc(DateTime? time) => time switch
    {
        null => null,
        { Kind: DateTimeKind.Unspecified } unspecified => new DateTimeOffset(unspecified, TimeSpan.Zero),
        { } known => new DateTimeOffset(known.ToUniversalTime(), TimeSpan.Zero),
    };
}
