namespace Alimentar.Benchmarks;

// One-column rows, one per shape that ColumnShapeWriteBenchmarks writes, each as an application declares it.

/// <summary>A column of longs.</summary>
[StreamingDataset]
public partial record LongWrite(long Value);

/// <summary>A column of doubles.</summary>
[StreamingDataset]
public partial record DoubleWrite(double Value);

/// <summary>A column of ints, a tenth null.</summary>
[StreamingDataset]
public partial record NullableIntWrite(int? Value);

/// <summary>A column of booleans.</summary>
[StreamingDataset]
public partial record BoolWrite(bool Value);

/// <summary>A column of UTC timestamps.</summary>
[StreamingDataset]
public partial record TimestampWrite(DateTime Value);

/// <summary>A column of prices.</summary>
[StreamingDataset]
public partial record DecimalWrite([property: ParquetDecimal(18, 2)] decimal Value);

/// <summary>A column of strings.</summary>
[StreamingDataset]
public partial record StringWrite(string Value);

/// <summary>A column of UUIDs.</summary>
[StreamingDataset]
public partial record GuidWrite(Guid Value);
