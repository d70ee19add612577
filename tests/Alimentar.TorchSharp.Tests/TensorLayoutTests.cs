using Alimentar.Torch;
using TorchSharp;

namespace Alimentar.TorchSharp.Tests;

/// <summary>
/// Where each value of a batch lands in tensor memory: the layouts <see cref="BatchTensors"/> and
/// <see cref="FeatureMatrix"/> write straight into the tensor's buffer, checked value by value against the batch.
/// These run without libtorch, which cannot load on this machine (TorchSharp 0.107's native library needs
/// GLIBCXX_3.4.32, GCC 13's libstdc++; Debian 12 has GCC 12's).
/// </summary>
public sealed class TensorLayoutTests
{
    private static Batch<Document> Batch() => Batch<Document>.FromRows(Enumerable.Range(0, 7).Select(Document.Make).ToArray());

    [Fact]
    public void Each_column_maps_to_the_torch_type_that_holds_it_bit_for_bit_and_unsigned_wide_integers_are_refused()
    {
        Assert.Equal(torch.ScalarType.Float32, TensorTypes.Of<float>());
        Assert.Equal(torch.ScalarType.Float64, TensorTypes.Of<double>());
        Assert.Equal(torch.ScalarType.Int32, TensorTypes.Of<int>());
        Assert.Equal(torch.ScalarType.Int64, TensorTypes.Of<long>());
        Assert.Equal(torch.ScalarType.Int16, TensorTypes.Of<short>());
        Assert.Equal(torch.ScalarType.Int8, TensorTypes.Of<sbyte>());
        Assert.Equal(torch.ScalarType.Byte, TensorTypes.Of<byte>());
        Assert.Equal(torch.ScalarType.Bool, TensorTypes.Of<bool>());
        Assert.Equal(torch.ScalarType.Float16, TensorTypes.Of<Half>());
        Assert.Contains("unsigned", Assert.Throws<NotSupportedException>(() => TensorTypes.Of<uint>()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nullable_column_takes_the_missing_value_where_a_value_is_null()
    {
        using Batch<Document> batch = Batch();
        var memory = new double[batch.Count];

        TensorLayout.FillMissing(batch.Score, -1.0, memory);

        Assert.Equal(batch.Select(d => d.Score ?? -1.0), memory);
    }

    [Fact]
    public void Columns_of_several_types_collate_into_a_row_major_float_matrix()
    {
        using Batch<Document> batch = Batch();
        const int Features = 4;
        var matrix = new float[batch.Count * Features];

        TensorLayout.WriteFeature(batch.Id, matrix, Features, 0);
        TensorLayout.WriteFeature(batch.Weight, matrix, Features, 1);
        TensorLayout.WriteFeature(batch.Flag, matrix, Features, 2);
        TensorLayout.WriteFeature(batch.Small, matrix, Features, 3);

        for (int row = 0; row < batch.Count; row++)
        {
            Document document = batch[row];
            Assert.Equal([document.Id, document.Weight, document.Flag ? 1f : 0f, (float)document.Small], matrix.AsSpan(row * Features, Features).ToArray());
        }
    }

    [Fact]
    public void Lists_of_one_length_lie_end_to_end_and_others_are_refused_naming_the_row()
    {
        using Batch<Document> batch = Batch();

        Assert.Equal(3, TensorLayout.FixedLength(batch.Embedding));
        Assert.Equal(batch.SelectMany(d => d.Embedding), batch.Embedding.Values.ToArray());

        var message = Assert.Throws<InvalidOperationException>(() => TensorLayout.FixedLength(batch.Tokens)).Message;
        Assert.Contains("Row 1 of the list column holds 1 elements where row 0 holds 0", message, StringComparison.Ordinal);
        using Batch<Document> withNull = Batch<Document>.FromRows([Document.Make(0), Document.Make(1) with { Embedding = null! }]);
        Assert.Contains("Row 1 of the list column is null", Assert.Throws<InvalidOperationException>(() => TensorLayout.FixedLength(withNull.Embedding)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(2)]
    public void Ragged_lists_are_padded_to_the_longest_or_cut_to_a_width_with_their_kept_lengths(int? maxLength)
    {
        using Batch<Document> batch = Batch();
        ListColumn<int> tokens = batch.Tokens;
        int width = maxLength ?? tokens.MaxLength;
        var memory = new int[batch.Count * width];
        var lengths = new long[batch.Count];

        TensorLayout.Pad(tokens, width, -7, memory, lengths);

        Assert.Equal(maxLength is null ? 6 : 2, width);
        for (int row = 0; row < batch.Count; row++)
        {
            int[] list = batch[row].Tokens ?? [];
            int kept = Math.Min(list.Length, width);
            Assert.Equal(kept, lengths[row]);
            Assert.Equal(list.Take(kept).Concat(Enumerable.Repeat(-7, width - kept)), memory.AsSpan(row * width, width).ToArray());
        }
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(2, 3)]
    public void Lists_of_lists_pad_to_rows_lists_and_width_with_counts_and_lengths(int? maxLists, int? maxLength)
    {
        using Batch<Boxes> batch = Batch<Boxes>.FromRows(Enumerable.Range(0, 6).Select(Boxes.Make).ToArray());
        ListColumn<int[]> boxes = batch.Items;
        (int lists, int width) = TensorLayout.NestedExtent(boxes, static list => list, maxLists, maxLength);
        var memory = new int[batch.Count * lists * width];
        var counts = new long[batch.Count];
        var lengths = new long[batch.Count * lists];

        TensorLayout.PadNested(boxes, static list => list, lists, width, -1, memory, counts, lengths);

        // Row i holds i % 4 lists (row 5 a null one), list j of row i holds j + 1 values.
        Assert.Equal(maxLists ?? 3, lists);
        Assert.Equal(maxLength ?? 3, width);
        for (int row = 0; row < batch.Count; row++)
        {
            int[][] own = batch[row].Items ?? [];
            Assert.Equal(Math.Min(own.Length, lists), counts[row]);
            for (int entry = 0; entry < lists; entry++)
            {
                int[] list = entry < own.Length ? own[entry] ?? [] : [];
                int kept = Math.Min(list.Length, width);
                Assert.Equal(kept, lengths[(row * lists) + entry]);
                Assert.Equal(list.Take(kept).Concat(Enumerable.Repeat(-1, width - kept)), memory.AsSpan(((row * lists) + entry) * width, width).ToArray());
            }
        }

        // Inner List<T>s pad alike.
        ListColumn<List<long>> turns = batch.Turns;
        (int turnLists, int turnWidth) = TensorLayout.NestedExtent(turns, static list => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list), null, null);
        var turnMemory = new long[batch.Count * turnLists * turnWidth];
        TensorLayout.PadNested(turns, static list => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list), turnLists, turnWidth, 0L, turnMemory, new long[batch.Count], new long[batch.Count * turnLists]);
        Assert.Equal(Enumerable.Range(0, batch.Count).SelectMany(row => batch[row].Turns).SelectMany(turn => turn).Sum(), turnMemory.Sum());
        Assert.Equal((5, 2), (turnLists, turnWidth));

        // Inner ImmutableArrays too, a default one padding as empty.
        using Batch<Boxes> immutable = Batch<Boxes>.FromRows([Boxes.Make(2) with { Frames = [[7, 8, 9], default] }]);
        (int frameLists, int frameWidth) = TensorLayout.NestedExtent(immutable.Frames, static list => list.AsSpan(), null, null);
        var frames = new int[frameLists * frameWidth];
        var frameLengths = new long[frameLists];
        TensorLayout.PadNested(immutable.Frames, static list => list.AsSpan(), frameLists, frameWidth, 0, frames, new long[1], frameLengths);
        Assert.Equal([7, 8, 9, 0, 0, 0], frames);
        Assert.Equal([3L, 0L], frameLengths);

        // Inner memories too, the part of an array one covers padding as that part.
        float[] backing = [9, 1, 2, 9];
        using Batch<Boxes> memories = Batch<Boxes>.FromRows([Boxes.Make(1) with { Windows = new ReadOnlyMemory<float>[] { backing.AsMemory(1, 2), default } }]);
        (int windowLists, int windowWidth) = TensorLayout.NestedExtent(memories.Windows, static list => list.Span, null, null);
        var windows = new float[windowLists * windowWidth];
        var windowLengths = new long[windowLists];
        TensorLayout.PadNested(memories.Windows, static list => list.Span, windowLists, windowWidth, -1f, windows, new long[1], windowLengths);
        Assert.Equal([1f, 2f, -1f, -1f], windows);
        Assert.Equal([2L, 0L], windowLengths);
    }
}

/// <summary>A row with the shapes a model reads: scalars of several types, a nullable value, a fixed-length embedding and ragged tokens.</summary>
[StreamingDataset]
public partial record Document(long Id, float Weight, bool Flag, short Small, double? Score, float[] Embedding, int[]? Tokens)
{
    /// <summary>Row <paramref name="i"/>: i tokens (row 3 has none), every third score null.</summary>
    public static Document Make(int i) => new(
        i, i * 1.5f, i % 2 == 0, (short)(i - 3), i % 3 == 0 ? null : i * 0.25, [i, i + 0.5f, -i], i == 3 ? null : Enumerable.Range(10 * i, i).ToArray());
}

/// <summary>A row holding lists of lists: boxes as arrays, turns as lists.</summary>
[StreamingDataset]
public partial record Boxes(long Id, int[][]? Items, List<List<long>> Turns, System.Collections.Immutable.ImmutableArray<System.Collections.Immutable.ImmutableArray<int>> Frames = default, ReadOnlyMemory<ReadOnlyMemory<float>> Windows = default)
{
    /// <summary>Row <paramref name="i"/>: i % 4 boxes of 1, 2, 3… values (row 5's null), and i turns of two ids.</summary>
    public static Boxes Make(int i) => new(
        i,
        i == 5 ? null : Enumerable.Range(0, i % 4).Select(j => Enumerable.Range(10 * i, j + 1).ToArray()).ToArray(),
        Enumerable.Range(0, i).Select(j => new List<long> { i, j }).ToList());
}
