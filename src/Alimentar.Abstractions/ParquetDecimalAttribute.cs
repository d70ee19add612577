namespace Alimentar;

/// <summary>
/// Sets the DECIMAL(precision, scale) a <see cref="decimal"/> member is written as. Reading always uses
/// the file's own precision and scale; without this attribute the writer uses DECIMAL(38, 18).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class ParquetDecimalAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="precision">Total digits, from 1 to 38.</param>
    /// <param name="scale">Digits after the point, from 0 to <paramref name="precision"/>.</param>
    public ParquetDecimalAttribute(int precision, int scale)
    {
        Precision = precision;
        Scale = scale;
    }

    /// <summary>Total digits.</summary>
    public int Precision { get; }

    /// <summary>Digits after the point.</summary>
    public int Scale { get; }
}
