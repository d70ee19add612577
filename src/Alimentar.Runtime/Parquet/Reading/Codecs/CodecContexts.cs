namespace Alimentar.Parquet.Reading.Codecs;

/// <summary>
/// Codec contexts (a ZSTD stream's tables and window, in native memory) shared by every column of a process, each
/// taken for one page. A context per column cost a wide table its width in contexts: 1,000 ZSTD columns held about
/// 350 MB of decompression contexts while read and 480 MB of compression contexts while written, where only as many
/// pages are ever in flight as there are threads decoding them.
/// </summary>
internal static class CodecContexts
{
    /// <summary>The most idle contexts a pool keeps: twice the processors, as more pages than that are seldom decoded at once.</summary>
    public static int MostKept { get; } = 2 * Environment.ProcessorCount;

    /// <summary>A pool of contexts that <paramref name="create"/> makes and disposing frees.</summary>
    public static TrimmingObjectPool<TContext> Pool<TContext>(Func<TContext> create)
        where TContext : class, IDisposable =>
        new(create, static context => context.Dispose(), MostKept);
}
