using Alimentar.Parquet.Reading.Codecs;

namespace Alimentar.Runtime.Tests;

public sealed class CodecContextsTests
{
    [Fact]
    public void A_context_pool_keeps_twice_the_processors_and_disposes_the_contexts_it_lets_go()
    {
        TrimmingObjectPool<Context> pool = CodecContexts.Pool(() => new Context());
        Context[] inUse = [.. Enumerable.Range(0, CodecContexts.MostKept + 2).Select(_ => pool.Rent())];
        foreach (Context context in inUse)
        {
            pool.Return(context);
        }

        Assert.Equal(2 * Environment.ProcessorCount, CodecContexts.MostKept);
        Assert.Equal(CodecContexts.MostKept, pool.Idle);
        Assert.Equal(2, inUse.Count(context => context.Disposed));

        pool.Trim(all: true);

        Assert.All(inUse, context => Assert.True(context.Disposed));
    }

    private sealed class Context : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
