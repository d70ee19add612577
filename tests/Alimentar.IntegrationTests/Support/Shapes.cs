#pragma warning disable CA1050 // A row type in the global namespace is one of the shapes under test.

/// <summary>A row type in the global namespace.</summary>
[Alimentar.StreamingDataset]
public partial record struct GlobalPoint(int X, int Y);
#pragma warning restore CA1050

namespace Alimentar.IntegrationTests
{
    /// <summary>A class with init-only, required and settable members, and members no column should take.</summary>
    [StreamingDataset]
    public partial class Reading
    {
        public required string Sensor { get; init; }

        public double Celsius { get; set; }

        public DateTime? TakenAt { get; init; }

        [ParquetIgnore]
        public object? Cache { get; set; }

        public double Fahrenheit => (Celsius * 9 / 5) + 32;
    }

    /// <summary>A mutable struct with public fields.</summary>
    [StreamingDataset]
    public partial struct Vector
    {
        public float X;
        public float Y;
        public int Count;
    }

    internal static partial class Container
    {
        /// <summary>An internal record nested in a partial class.</summary>
        [StreamingDataset]
        internal partial record Nested(long Id, string? Name);
    }
}
