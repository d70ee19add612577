using System.Globalization;

namespace Alimentar.Storage;

/// <summary>
/// How a request to an object store is made: one at a time under an optional gate, held to the request timeout, and
/// retried on transient failures; what fails for good becomes a <see cref="SourceUnavailableException"/> naming the
/// object and what was asked of it. Range reads, length requests and listings all go through here.
/// </summary>
internal static class StoreRequest
{
    /// <summary>Runs one request, retrying transient failures (and timeouts) with exponential backoff and full jitter.</summary>
    public static async ValueTask<TResult> RetryAsync<TResult>(
        string name, string what, ObjectReadOptions options, Func<CancellationToken, ValueTask<TResult>> request, SemaphoreSlim? gate, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            Exception failure;
            if (gate is not null)
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(options.RequestTimeout);
                AlimentarMetrics.StorageRequestCounter.Add(1);
                try
                {
                    return await request(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = new ObjectStoreException(string.Create(CultureInfo.InvariantCulture, $"no answer within {options.RequestTimeout.TotalSeconds:0.###} s"), null, isTransient: true, error);
                }
                catch (ObjectStoreException error) when (error.IsTransient)
                {
                    failure = error;
                }
                catch (ObjectStoreException error)
                {
                    throw Unavailable(name, what, error, attempt);
                }
                catch (Exception error) when (error is HttpRequestException or IOException)
                {
                    failure = new ObjectStoreException(error.Message, null, isTransient: true, error);
                }
            }
            finally
            {
                gate?.Release();
            }

            if (attempt >= options.MaxAttempts)
            {
                throw Unavailable(name, what, (ObjectStoreException)failure, attempt);
            }

            AlimentarMetrics.StorageRetryCounter.Add(1);
            double ceiling = options.RetryDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), cancellationToken).ConfigureAwait(false);
        }

        static SourceUnavailableException Unavailable(string name, string what, ObjectStoreException error, int attempts) =>
            AlimentarThrow.Unavailable(name,
                $"reading {what} failed{(error.StatusCode is int status ? $" with status {status}" : string.Empty)}{(attempts > 1 ? $" after {attempts} attempts" : string.Empty)}: {error.Message.TrimEnd('.')}",
                error);
    }
}
