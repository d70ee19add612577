using System;
using System.Collections.Generic;

namespace Alimentar.Generators.Parsing
{
    /// <summary>
    /// The member names of the runtime types generated code extends, which generated members must not take.
    /// The generator cannot reference the runtime, so the lists live here; a test reflects over
    /// <c>Batch&lt;T&gt;</c>, its extension methods and <c>ColumnStore&lt;T&gt;</c> and fails when they drift.
    /// </summary>
    internal static class ReservedNames
    {
        /// <summary>Names a column accessor may not take because <c>Batch&lt;T&gt;</c> (or an extension of it) already has them; the accessor gets the suffix <c>Column</c>.</summary>
        public static readonly HashSet<string> Batch = new(StringComparer.Ordinal)
        {
            "Count", "Position", "SizeInBytes", "IsDisposed", "Columns", "Offset", "Item", "Share", "ToArray",
            "FromRows", "FromStore", "GetEnumerator", "Enumerator", "Dispose", "ToArrow", "Equals", "GetHashCode", "ToString", "GetType",
        };

        /// <summary>Names a store field may not take because <c>ColumnStore&lt;T&gt;</c> already has them; the field gets the suffix <c>Values</c>.</summary>
        public static readonly HashSet<string> Store = new(StringComparer.Ordinal)
        {
            "Count", "Capacity", "Pool", "IsDisposed", "Schema", "FixedRowWidth", "GetRow", "SetRow", "ReadAsync",
            "WriteAsync", "GetSizeInBytes", "Dispose", "ReturnBuffers", "EnsureCapacity", "StringBytes", "BinaryBytes", "VariantBytes",
            "ToChar", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "AwaitCollection",
        };
    }
}
