namespace Alimentar;

/// <summary>
/// One request to an <see cref="IObjectStore"/> failed. Stores throw it with the response's status and whether
/// a retry may succeed; after its retries the reader reports the failure as a <see cref="SourceUnavailableException"/>
/// naming the key, the range and the status.
/// </summary>
public sealed class ObjectStoreException : AlimentarException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="statusCode">The HTTP status of the response, or null when there was none (a reset connection, a timeout).</param>
    /// <param name="isTransient">True when the same request may succeed later (5xx, 429, a reset or timeout).</param>
    /// <param name="innerException">The client library's own error.</param>
    public ObjectStoreException(string message, int? statusCode, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        IsTransient = isTransient;
    }

    /// <summary>The HTTP status, or null when no response came.</summary>
    public int? StatusCode { get; }

    /// <summary>True when a retry may succeed.</summary>
    public bool IsTransient { get; }

    /// <summary>Whether an HTTP status means a retry may succeed: 408, 429 and 5xx.</summary>
    /// <param name="statusCode">The status.</param>
    /// <returns>True for statuses worth retrying.</returns>
    public static bool IsTransientStatus(int statusCode) => statusCode is 408 or 429 or >= 500;
}
