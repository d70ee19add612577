using System.Runtime.CompilerServices;

namespace Alimentar.Abstractions.Tests;

public sealed class ColumnStoreTests
{
    [Fact]
    public void A_generated_store_holds_rows_column_by_column_and_returns_buffers_once()
    {
        var pool = new ColumnBufferPool();
        ColumnStore<Point> store = CreateStore<Point>(4, pool);
        store.SetRow(0, new Point(1, 2, "a"));
        store.SetRow(1, new Point(3, 4, null));
        store.Count = 2;

        Assert.Equal(new Point(3, 4, null), store.GetRow(1));
        Assert.Equal(3, pool.OutstandingBuffers);

        store.Dispose();
        store.Dispose();

        Assert.True(store.IsDisposed);
        Assert.Equal(0, pool.OutstandingBuffers);
    }

    [Fact]
    public void A_store_dropped_without_dispose_returns_its_buffers_once_collected()
    {
        var pool = new ColumnBufferPool();
        Fill(pool);
        Assert.Equal(3, pool.OutstandingBuffers);

        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.Equal(0, pool.OutstandingBuffers);

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        static void Fill(ColumnBufferPool pool)
        {
            ColumnStore<Point> store = CreateStore<Point>(4, pool);
            store.SetRow(0, new Point(1, 2, "a"));
        }
    }

    [Fact]
    public void A_store_whose_constructor_failed_part_way_is_finalized_without_ending_the_process()
    {
        var pool = new ColumnBufferPool();
        Assert.Throws<OutOfMemoryException>(() => new HalfBuiltStore(pool));
        Assert.Equal(1, pool.OutstandingBuffers);

        // Without the guard the finalizer's null return throws on the finalizer thread, which ends the test host.
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.Equal(0, pool.OutstandingBuffers);
    }

    [Fact]
    public void A_store_whose_return_throws_on_the_finalizer_thread_does_not_end_the_process()
    {
        var returns = new StrongBox<int>();
        Drop(returns);

        // Had the exception left the finalizer, the process would have ended here.
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.Equal(1, returns.Value);

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        static void Drop(StrongBox<int> returns) => _ = new ThrowingStore(returns);
    }

    [Fact]
    public void Size_counts_each_variants_metadata_and_value_bytes()
    {
        using ColumnStore<Reading> store = CreateStore<Reading>(2, new ColumnBufferPool());
        ParquetVariant value = ParquetVariant.FromJson("""{"a":1}""");
        store.SetRow(0, new Reading(value, value));
        store.SetRow(1, new Reading(ParquetVariant.Null, null));

        // Two 32-byte variants per row (a nullable one padded to 40), then the bytes the variants hold: the variant
        // null's one byte, and nothing for a null.
        int fixedWidth = 32 + 40;
        int bytes = value.Metadata.Length + value.Value.Length;
        Assert.Equal((2 * fixedWidth) + (2 * bytes) + 1, store.GetSizeInBytes(0, 2));
        Assert.Equal(fixedWidth + 1, store.GetSizeInBytes(1, 1));
    }

    [Fact]
    public void Size_counts_fixed_width_columns_and_string_characters()
    {
        using ColumnStore<Point> store = CreateStore<Point>(2, new ColumnBufferPool());
        store.SetRow(0, new Point(1, 2, "abc"));
        store.SetRow(1, new Point(3, 4, null));

        // float + float + string reference per row, two bytes per character.
        Assert.Equal((2 * (4 + 4 + 8)) + 6, store.GetSizeInBytes(0, 2));
        Assert.Equal(4 + 4 + 8, store.GetSizeInBytes(1, 1));
    }

    [Fact]
    public void Count_cannot_exceed_capacity()
    {
        using ColumnStore<Point> store = CreateStore<Point>(2, new ColumnBufferPool());

        Assert.Throws<ArgumentOutOfRangeException>(() => store.Count = 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Count = -1);
    }

    [Fact]
    public void The_row_schema_lists_columns_in_declaration_order()
    {
        RowSchema schema = GetSchema<Point>();

        Assert.Equal("Point", schema.RowTypeName);
        Assert.Equal(
            [new ColumnDescriptor("X", "X", ColumnType.Single, false), new ColumnDescriptor("Y", "Y", ColumnType.Single, false), new ColumnDescriptor("Tag", "Tag", ColumnType.String, true)],
            schema.Columns);
        Assert.Equal("Point(X (Single), Y (Single), Tag (String?))", schema.ToString());
    }

    [Fact]
    public void Attributes_carry_their_settings()
    {
        Assert.Equal("user_id", new ParquetColumnAttribute("user_id").Name);
        Assert.NotNull(new ParquetIgnoreAttribute());
        Assert.NotNull(new StreamingDatasetAttribute());
    }

    private static ColumnStore<T> CreateStore<T>(int capacity, ColumnBufferPool pool)
        where T : IStreamingRow<T> => T.CreateColumnStore(capacity, pool);

    private static RowSchema GetSchema<T>()
        where T : IStreamingRow<T> => T.Schema;

    /// <summary>A store that tests only build, drop and finalize: it holds no rows.</summary>
    private abstract class FinalizedOnlyStore(ColumnBufferPool pool) : ColumnStore<Point>(4, pool)
    {
        public override Point GetRow(int index) => throw new NotSupportedException();

        public override void SetRow(int index, Point row) => throw new NotSupportedException();

        public override ValueTask ReadAsync(IColumnReader reader, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override ValueTask WriteAsync(IColumnWriter writer, int start, int count, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override long GetSizeInBytes(int start, int count) => 0;
    }

    /// <summary>A store whose return throws, as one reaching a pool finalized before it (an unloaded assembly's) may.</summary>
    private sealed class ThrowingStore(StrongBox<int> returns) : FinalizedOnlyStore(new ColumnBufferPool())
    {
        protected override void ReturnBuffers()
        {
            returns.Value++;
            throw new InvalidOperationException("an array returned to a pool whose table of returned arrays was finalized");
        }
    }

    /// <summary>A store whose second column's rent fails, as one for an impossible row count does.</summary>
    private sealed class HalfBuiltStore : FinalizedOnlyStore
    {
        private readonly float[] _x;
        private readonly float[] _y;

        public HalfBuiltStore(ColumnBufferPool pool)
            : base(pool)
        {
            _x = pool.Rent<float>(4);
            _y = Fail();
        }

        protected override void ReturnBuffers()
        {
            Pool.Return(_x);
            Pool.Return(_y);
        }

        private static float[] Fail() => throw new OutOfMemoryException("the second column's rent");
    }
}
