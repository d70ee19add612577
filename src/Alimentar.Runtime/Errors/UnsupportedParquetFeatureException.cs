namespace Alimentar;

/// <summary>The file uses something this reader cannot decode (an encryption, encoding, codec or nesting).</summary>
public sealed class UnsupportedParquetFeatureException : AlimentarException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Names the file and the feature.</param>
    /// <param name="innerException">The decoder's own error, when there is one.</param>
    public UnsupportedParquetFeatureException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
