using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace Alimentar.ML.Tests;

/// <summary>
/// <c>AsDataView()</c>: a streaming dataset read by ML.NET through typed batches, checked against ML.NET's own
/// <c>LoadFromEnumerable</c> over the same rows: the same values, the same models, the same metrics.
/// </summary>
public sealed class DataViewTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"alimentar-ml-{Guid.NewGuid():N}.parquet");

    public DataViewTests()
    {
        ParquetDatasetWriter<House>.WriteFileAsync(_path, Enumerable.Range(0, 4_000).Select(House.Make), rowGroupSize: 1_000).GetAwaiter().GetResult();
    }

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void The_schema_has_a_column_per_member_ML_NET_has_a_type_for()
    {
        using var streaming = new StreamingDataset<House>(new ParquetSource<House>(_path), 2);
        IDataView view = streaming.AsDataView();

        Assert.Equal(["Id", "Size", "Rooms", "Age", "Distance", "Zone", "Price", "Embedding", "Small"], view.Schema.Select(c => c.Name));
        Assert.Equal(NumberDataViewType.Int64, view.Schema["Id"].Type);
        Assert.Equal(NumberDataViewType.Double, view.Schema["Distance"].Type);
        Assert.Equal(TextDataViewType.Instance, view.Schema["Zone"].Type);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single), view.Schema["Embedding"].Type);
        Assert.Equal(NumberDataViewType.Single, view.Schema["Small"].Type);
        Assert.Equal(4_000, view.GetRowCount());
        Assert.False(view.CanShuffle);
    }

    [Fact]
    public void Cursors_read_every_value_as_LoadFromEnumerable_does_pass_after_pass()
    {
        var ml = new MLContext(seed: 1);
        using var streaming = new StreamingDataset<House>(new ParquetSource<House>(_path).BatchSize(300), 2);
        IDataView view = streaming.AsDataView();
        IDataView expected = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 4_000).Select(House.Make).Select(HouseInput.From));

        for (int pass = 0; pass < 2; pass++)
        {
            Assert.Equal(ml.Data.CreateEnumerable<HouseInput>(expected, reuseRowObject: false).Select(Describe), ml.Data.CreateEnumerable<HouseInput>(view, reuseRowObject: false).Select(Describe));
        }

        static string Describe(HouseInput h) =>
            FormattableString.Invariant($"{h.Id} {h.Size} {h.Rooms} {h.Age} {h.Distance} {h.Zone} {h.Price} {string.Join(",", h.Embedding)} {h.Small}");
    }

    [Fact]
    public void SDCA_and_FastTree_trained_from_the_view_score_exactly_as_from_LoadFromEnumerable()
    {
        var ml = new MLContext(seed: 1);
        using var streaming = new StreamingDataset<House>(new ParquetSource<House>(_path), 4);
        IDataView view = streaming.AsDataView(new Dictionary<string, int> { ["Embedding"] = 2 });
        IDataView enumerable = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 4_000).Select(House.Make).Select(FixedHouseInput.From));

        var sdca = new SdcaRegressionTrainer.Options { LabelColumnName = "Price", FeatureColumnName = "Features", NumberOfThreads = 1, Shuffle = false, MaximumNumberOfIterations = 20 };
        var fastTree = new FastTreeRegressionTrainer.Options { LabelColumnName = "Price", FeatureColumnName = "Features", NumberOfLeaves = 8, NumberOfTrees = 20, NumberOfThreads = 1 };
        foreach (IEstimator<ITransformer> trainer in new IEstimator<ITransformer>[] { ml.Regression.Trainers.Sdca(sdca), ml.Regression.Trainers.FastTree(fastTree) })
        {
            IEstimator<ITransformer> pipeline = ml.Transforms.Concatenate("Features", "Size", "Rooms", "Age", "Embedding").Append(trainer);
            RegressionMetrics fromView = ml.Regression.Evaluate(pipeline.Fit(view).Transform(view), labelColumnName: "Price");
            RegressionMetrics fromEnumerable = ml.Regression.Evaluate(pipeline.Fit(enumerable).Transform(enumerable), labelColumnName: "Price");

            Assert.Equal(fromEnumerable.RSquared, fromView.RSquared);
            Assert.Equal(fromEnumerable.MeanAbsoluteError, fromView.MeanAbsoluteError);
            Assert.True(fromView.RSquared > 0.9, $"R² {fromView.RSquared}");
        }
    }

    [Fact]
    public void A_list_that_is_not_its_vector_s_size_is_an_error_naming_the_column()
    {
        var ml = new MLContext(seed: 1);
        using var streaming = new StreamingDataset<House>(new ParquetSource<House>(_path), 2);
        IDataView view = streaming.AsDataView(new Dictionary<string, int> { ["Embedding"] = 3 });

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => ml.Data.CreateEnumerable<HouseInput>(view, reuseRowObject: false).ToList());

        Assert.Contains("'Embedding' is a vector of 3", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => streaming.AsDataView(new Dictionary<string, int> { ["Size"] = 3 }));
    }

    [Fact]
    public async Task A_variant_member_is_a_text_column_of_its_JSON()
    {
        string path = Path.Combine(Path.GetTempPath(), $"alimentar-ml-{Guid.NewGuid():N}.parquet");
        try
        {
            await ParquetDatasetWriter<Event>.WriteFileAsync(path, Enumerable.Range(0, 50).Select(i => new Event(
                i, i % 5 == 0 ? null : ParquetVariant.FromJson($$"""{"n": {{i}}}"""), ParquetVariant.FromJson($"[{i}]"))));
            using var streaming = new StreamingDataset<Event>(new ParquetSource<Event>(path).BatchSize(16), 2);
            IDataView view = streaming.AsDataView();

            Assert.Equal(TextDataViewType.Instance, view.Schema["Payload"].Type);
            Assert.Equal(TextDataViewType.Instance, view.Schema["Tags"].Type);
            var read = new List<(string Payload, string Tags)>();
            using (DataViewRowCursor cursor = view.GetRowCursor(view.Schema))
            {
                ValueGetter<ReadOnlyMemory<char>> payload = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["Payload"]);
                ValueGetter<ReadOnlyMemory<char>> tags = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["Tags"]);
                ReadOnlyMemory<char> p = default, t = default;
                while (cursor.MoveNext())
                {
                    payload(ref p);
                    tags(ref t);
                    read.Add((p.ToString(), t.ToString()));
                }
            }

            Assert.Equal(Enumerable.Range(0, 50).Select(i => (i % 5 == 0 ? string.Empty : $$"""{"n":{{i}}}""", $"[{i}]")), read);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_embedding_declared_as_a_memory_is_the_vector_column_an_array_is()
    {
        string path = Path.Combine(Path.GetTempPath(), $"alimentar-ml-{Guid.NewGuid():N}.parquet");
        try
        {
            await ParquetDatasetWriter<Passage>.WriteFileAsync(path, Enumerable.Range(0, 40).Select(i => new Passage(i, new float[] { i, -i, 0.5f })));
            using var streaming = new StreamingDataset<Passage>(new ParquetSource<Passage>(path).BatchSize(16), 2);
            IDataView view = streaming.AsDataView();

            Assert.Equal(new VectorDataViewType(NumberDataViewType.Single), view.Schema["Embedding"].Type);
            var read = new List<float[]>();
            using (DataViewRowCursor cursor = view.GetRowCursor(view.Schema))
            {
                ValueGetter<VBuffer<float>> embedding = cursor.GetGetter<VBuffer<float>>(view.Schema["Embedding"]);
                VBuffer<float> value = default;
                while (cursor.MoveNext())
                {
                    embedding(ref value);
                    read.Add(value.DenseValues().ToArray());
                }
            }

            Assert.Equal(Enumerable.Range(0, 40).Select(i => new float[] { i, -i, 0.5f }), read);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_view_of_a_shard_holds_that_shard_s_rows_and_counts_them()
    {
        var ml = new MLContext(seed: 1);
        using var streaming = new StreamingDataset<House>(new ParquetSource<House>(_path), 2).WithShard(new ShardPlan(1, 4)).WithShuffle(seed: 3);
        IDataView view = streaming.AsDataView();

        long[] ids = ml.Data.CreateEnumerable<HouseInput>(view, reuseRowObject: false).Select(h => h.Id).ToArray();

        Assert.Equal(1_000, view.GetRowCount());
        Assert.Equal(streaming.Rows().Select(h => h.Id), ids);
        Assert.Equal(1_000, ids.Distinct().Count());
    }
}

[StreamingDataset]
public partial record Event(long Id, ParquetVariant? Payload, ParquetVariant Tags);

[StreamingDataset]
public partial record Passage(long Id, ReadOnlyMemory<float> Embedding);

[StreamingDataset]
public partial record House(long Id, float Size, float Rooms, float Age, double? Distance, string Zone, float Price, float[] Embedding, Half Small, Guid Key)
{
    private static readonly string[] Zones = ["north", "south", "centre"];

    public static House Make(int i)
    {
        float size = 40 + (i * 37 % 160);
        float rooms = 1 + (i % 6);
        float age = i * 13 % 90;
        return new House(
            i, size, rooms, age, i % 7 == 0 ? null : i % 50 * 0.5, Zones[i % 3],
            (size * 3.1f) + (rooms * 12) - (age * 0.8f) + (i % 5), [i % 4, (i % 9) * 0.5f], (Half)(i % 16), Guid.Empty);
    }
}

/// <summary>As <see cref="HouseInput"/>, its embedding a vector of two.</summary>
public sealed class FixedHouseInput
{
    public float Size { get; set; }

    public float Rooms { get; set; }

    public float Age { get; set; }

    public float Price { get; set; }

    [VectorType(2)]
    public float[] Embedding { get; set; } = [];

    public static FixedHouseInput From(House h) => new() { Size = h.Size, Rooms = h.Rooms, Age = h.Age, Price = h.Price, Embedding = h.Embedding };
}

/// <summary>The same row as ML.NET's <c>LoadFromEnumerable</c> takes it (no Guid, which ML.NET has no type for).</summary>
public sealed class HouseInput
{
    public long Id { get; set; }

    public float Size { get; set; }

    public float Rooms { get; set; }

    public float Age { get; set; }

    public double Distance { get; set; }

    public string Zone { get; set; } = string.Empty;

    public float Price { get; set; }

    [VectorType]
    public float[] Embedding { get; set; } = [];

    public float Small { get; set; }

    public static HouseInput From(House h) => new()
    {
        Id = h.Id, Size = h.Size, Rooms = h.Rooms, Age = h.Age, Distance = h.Distance ?? double.NaN, Zone = h.Zone, Price = h.Price,
        Embedding = h.Embedding, Small = (float)h.Small,
    };
}
