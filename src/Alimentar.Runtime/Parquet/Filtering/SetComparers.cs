using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Linq.Expressions;
using System.Reflection;

namespace Alimentar.Parquet.Filtering;

/// <summary>
/// Whether a constant set's <c>Contains</c> means plain equality, which is all a pushed-down set test
/// evaluates: a comparer passed to <c>Contains</c>, or one a set was built with, may decide otherwise
/// (case-insensitive strings, say), and then the filter is refused rather than answering differently.
/// </summary>
internal static class SetComparers
{
    /// <summary>
    /// True for a comparer argument that is no comparer, <c>EqualityComparer&lt;T&gt;.Default</c> as written, or
    /// a captured comparer that compares strings ordinally. Read from the expression, not the comparer's
    /// run-time type, whose name is the framework's private business.
    /// </summary>
    public static bool IsDefault(Expression comparer, Func<Expression, object?> evaluate) =>
        comparer is MemberExpression { Member: PropertyInfo { Name: nameof(EqualityComparer<int>.Default), DeclaringType: { IsGenericType: true } declaring } }
            && declaring.GetGenericTypeDefinition() == typeof(EqualityComparer<>)
        || IsDefault(evaluate(comparer));

    /// <summary>True for no comparer and for the comparers that mean ordinal string equality.</summary>
    public static bool IsDefault(object? comparer) =>
        comparer is null || ReferenceEquals(comparer, EqualityComparer<string>.Default) || ReferenceEquals(comparer, StringComparer.Ordinal);

    /// <summary>
    /// The comparer a set of strings was built with; null for other collections, whose equality is their elements'.
    /// Sorted sets compare strings by culture unless built with <see cref="StringComparer.Ordinal"/>.
    /// </summary>
    public static object? Of(object? set) => set switch
    {
        HashSet<string> s => s.Comparer,
        SortedSet<string> s => s.Comparer is var c && ReferenceEquals(c, StringComparer.Ordinal) ? null : c,
        FrozenSet<string> s => s.Comparer,
        ImmutableHashSet<string> s => s.KeyComparer,
        ImmutableSortedSet<string> s => s.KeyComparer is var c && ReferenceEquals(c, StringComparer.Ordinal) ? null : c,
        _ => null,
    };
}
