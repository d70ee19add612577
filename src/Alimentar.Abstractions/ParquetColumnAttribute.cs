namespace Alimentar;

/// <summary>
/// Binds a member to the Parquet column with exactly this name, overriding the default binding
/// (exact name, then case-insensitive, then snake_case to PascalCase).
/// </summary>
/// <example><c>[property: ParquetColumn("user_id")] int UserId</c></example>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class ParquetColumnAttribute : Attribute
{
    /// <summary>Creates the attribute for the column named <paramref name="name"/>.</summary>
    /// <param name="name">The column name as it appears in the Parquet schema.</param>
    public ParquetColumnAttribute(string name) => Name = name;

    /// <summary>The column name as it appears in the Parquet schema.</summary>
    public string Name { get; }
}
