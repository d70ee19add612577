using System;
using System.Collections.Generic;

namespace Alimentar.Generators.Parsing
{
    /// <summary>
    /// The member names of the runtime types generated code extends, and of the methods it adds, which generated
    /// members must not take.
    /// The generator cannot reference the runtime, so the lists live here; a test reflects over
    /// <c>Batch&lt;T&gt;</c>, its extension methods and <c>ColumnStore&lt;T&gt;</c> and fails when they drift.
    /// </summary>
    internal static class ReservedNames
    {
        /// <summary>
        /// Names a column accessor may not take because <c>Batch&lt;T&gt;</c> (or an extension of it) already has them, or
        /// because an extension member may not be named like the type it extends (<c>Batch</c>); the accessor gets the
        /// suffix <c>Column</c>.
        /// </summary>
        public static readonly HashSet<string> Batch = new(StringComparer.Ordinal)
        {
            "Batch",
            "Count", "Position", "SizeInBytes", "IsDisposed", "Columns", "Offset", "Item", "Share", "ToArray",
            "FromRows", "FromStore", "GetEnumerator", "Enumerator", "Dispose", "ToArrow", "Equals", "GetHashCode", "ToString", "GetType",
        };

        /// <summary>Names a store field may not take because <c>ColumnStore&lt;T&gt;</c> already has them; the field gets the suffix <c>Values</c>.</summary>
        public static readonly HashSet<string> Store = new(StringComparer.Ordinal)
        {
            "Count", "Capacity", "Pool", "IsDisposed", "Schema", "FixedRowWidth", "GetRow", "SetRow", "ReadAsync",
            "WriteAsync", "GetSizeInBytes", "Dispose", "ReturnBuffers", "EnsureCapacity", "StringBytes", "BinaryBytes", "VariantBytes",
            "ToChar", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "AwaitCollection",
            "ReadColumnAsync", "WriteColumnAsync",
        };

        /// <summary>
        /// Whether a store field may not take <paramref name="name"/>: an inherited member's (<see cref="Store"/>), or
        /// that of a method the store has per nested column, <c>ReadColumn3Async</c> or <c>WriteColumn3Async</c>.
        /// </summary>
        public static bool TakenInStore(string name) =>
            Store.Contains(name) || IsNumberedColumnMethod(name, "ReadColumn") || IsNumberedColumnMethod(name, "WriteColumn");

        private static bool IsNumberedColumnMethod(string name, string prefix)
        {
            const string Suffix = "Async";
            if (name.Length <= prefix.Length + Suffix.Length || !name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(Suffix, StringComparison.Ordinal))
            {
                return false;
            }

            for (int i = prefix.Length; i < name.Length - Suffix.Length; i++)
            {
                if (name[i] is < '0' or > '9')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
