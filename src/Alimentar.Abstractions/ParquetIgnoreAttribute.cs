namespace Alimentar;

/// <summary>Excludes a member from the row's columns: it is neither read nor written.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class ParquetIgnoreAttribute : Attribute
{
}
