namespace Alimentar.Generators.Model
{
    /// <summary>One column of a row type, as plain data.</summary>
    /// <param name="MemberName">The C# member.</param>
    /// <param name="FieldName">The store's array for this column: the member name unless the store already has a member of that name.</param>
    /// <param name="AccessorName">The batch's typed accessor for the column: the member name unless <c>Batch&lt;T&gt;</c> already has a member of that name.</param>
    /// <param name="ColumnName">The Parquet column name.</param>
    /// <param name="HasExplicitName">True when the name came from an attribute.</param>
    /// <param name="ColumnType">The column's <c>Alimentar.ColumnType</c>.</param>
    /// <param name="ElementType">The fully qualified element type of the store array, without nullability (<c>long</c>, <c>string</c>).</param>
    /// <param name="Storage">How values are held.</param>
    /// <param name="IsNullable">Whether the member accepts null.</param>
    /// <param name="ElementSize">Bytes per element in the store array.</param>
    /// <param name="Precision">Decimal precision, or 0.</param>
    /// <param name="Scale">Decimal scale, or 0.</param>
    /// <param name="Enum">The enum the member holds, when it is one.</param>
    /// <param name="List">The list the member holds, when it is one.</param>
    /// <param name="IsChar">A <c>char</c> member, held as a one-character string.</param>
    /// <param name="Group">The record the member holds, when it is one (a list of records has it on its <see cref="ListSpec"/>).</param>
    /// <param name="BinaryType">For a binary member declared <c>ReadOnlyMemory&lt;byte&gt;</c>, <c>Memory&lt;byte&gt;</c> or <c>ImmutableArray&lt;byte&gt;</c>, that type as code; the store holds <c>byte[]</c>.</param>
    /// <param name="IsLocalTimestamp">A <c>DateTime</c> (or list of them) written as a local, wall-clock TIMESTAMP: <c>[ParquetTimestamp(isAdjustedToUtc: false)]</c>.</param>
    internal sealed record ColumnSpec(
        string MemberName,
        string FieldName,
        string AccessorName,
        string ColumnName,
        bool HasExplicitName,
        ColumnKind ColumnType,
        string ElementType,
        ColumnStorage Storage,
        bool IsNullable,
        int ElementSize,
        int Precision,
        int Scale,
        EnumSpec? Enum = null,
        ListSpec? List = null,
        bool IsChar = false,
        GroupSpec? Group = null,
        string? BinaryType = null,
        bool IsLocalTimestamp = false)
    {
        /// <summary>The member's type as written in code: the enum (nullable where the member is) or the stored type.</summary>
        public string MemberType => (Enum, List) switch
        {
            _ when IsChar => IsNullable ? "char?" : "char",
            _ when BinaryType is not null => BinaryType + (IsNullable ? "?" : string.Empty),
            _ when Group is not null => ElementType + (IsNullable ? "?" : string.Empty),
            ({ } e, _) => e.TypeName + (IsNullable ? "?" : string.Empty),
            (_, { Container: not ListContainer.Array } l) => l.TypeCode + (IsNullable ? "?" : string.Empty),
            _ => StoredType,
        };

        /// <summary>A stored <c>byte[]</c> (<paramref name="bytes"/>) as the member holds it: the array itself, or a memory or immutable array wrapping it.</summary>
        public string FromBytes(string bytes) => BinaryType switch
        {
            null => bytes,
            "global::System.Memory<byte>" => IsNullable ? $"global::Alimentar.MemoryLists.Nullable({bytes})" : $"new global::System.Memory<byte>({bytes})",
            "global::System.ReadOnlyMemory<byte>" => IsNullable ? $"global::Alimentar.MemoryLists.NullableReadOnly({bytes})" : $"new global::System.ReadOnlyMemory<byte>({bytes})",
            _ => IsNullable ? $"global::Alimentar.ImmutableLists.Nullable({bytes})" : $"global::System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray({bytes})",
        };

        /// <summary>
        /// The member's binary value (<paramref name="member"/>) as the store holds it: the array itself, the bytes a memory
        /// covers, or the array an immutable array wraps (null for a default one, which a writer refuses where the column
        /// cannot hold null, as it refuses a null array).
        /// </summary>
        public string ToBytes(string member) => BinaryType switch
        {
            null => member,
            "global::System.Collections.Immutable.ImmutableArray<byte>" => $"global::Alimentar.ImmutableLists.AsArray({member}){(IsNullable ? string.Empty : "!")}",
            _ => $"global::Alimentar.MemoryLists.AsArray({member})",
        };

        /// <summary>The store array's element type as written in code (<c>double?</c>, <c>string?</c>).</summary>
        public string StoredType => Group is { } group
            ? ElementType + (IsNullable || !group.IsValueType ? "?" : string.Empty)
            : List is { } list
            ? list.ElementCode + "[]" + (IsNullable ? "?" : string.Empty)
            : Storage == ColumnStorage.NullableValue || (IsNullable && Storage != ColumnStorage.Value) ? ElementType + "?" : ElementType;
    }
}
