namespace Alimentar.Benchmarks;

// One-column rows, one per shape that ColumnShapeBenchmarks reads. DuckDB writes every column OPTIONAL, and so do
// the suite's Arrow C++ files.

/// <summary>A BIGINT column.</summary>
[StreamingDataset]
public partial record LongShape(long? Value);

/// <summary>An INTEGER column.</summary>
[StreamingDataset]
public partial record IntShape(int? Value);

/// <summary>A DECIMAL(18, 3) column.</summary>
[StreamingDataset]
public partial record DecimalShape(decimal? Value);

/// <summary>A TIMESTAMP column.</summary>
[StreamingDataset]
public partial record TimestampShape(DateTime? Value);

/// <summary>A BOOLEAN column.</summary>
[StreamingDataset]
public partial record BoolShape(bool? Value);

/// <summary>A DOUBLE column.</summary>
[StreamingDataset]
public partial record DoubleShape(double? Value);

/// <summary>A FLOAT column.</summary>
[StreamingDataset]
public partial record FloatShape(float? Value);

/// <summary>A VARCHAR column.</summary>
[StreamingDataset]
public partial record StringShape(string? Value);

/// <summary>A UUID column.</summary>
[StreamingDataset]
public partial record GuidShape(Guid? Value);

/// <summary>A DATE column.</summary>
[StreamingDataset]
public partial record DateShape(DateOnly? Value);
