namespace Alimentar;

/// <summary>
/// Stores an enum member as its name (BYTE_ARRAY annotated STRING, as Spark and pandas write categorical
/// labels) instead of its underlying integer, the default.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class ParquetEnumAsStringAttribute : Attribute
{
}
