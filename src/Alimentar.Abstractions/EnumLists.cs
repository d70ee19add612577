using System.Runtime.CompilerServices;

namespace Alimentar;

/// <summary>
/// Lists of enums as the store holds them: their underlying numbers, as Parquet and Arrow do (a list of enums'
/// batch accessor is a <see cref="ListColumn{T}"/> of those numbers). These turn one row's numbers into the member's
/// enums and back, reinterpreting each value rather than converting it, since an enum (nullable or not) and its
/// underlying type (likewise) share a layout. This type supports generated code and is not meant to be used directly.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class EnumLists
{
    /// <summary>Row <paramref name="row"/>'s numbers as a new array of enums.</summary>
    /// <typeparam name="TValue">The underlying type, nullable where the elements are.</typeparam>
    /// <typeparam name="TEnum">The enum, nullable where the elements are.</typeparam>
    /// <param name="buffer">The store's list column.</param>
    /// <param name="row">A filled row.</param>
    /// <returns>The enums.</returns>
    public static TEnum[] ToArray<TValue, TEnum>(ListBuffer<TValue> buffer, int row)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        return Reinterpret<TValue, TEnum>(buffer.View(row, 1)[0]);
    }

    /// <summary>As <see cref="ToArray{TValue, TEnum}(ListBuffer{TValue}, int)"/>, into a <see cref="List{T}"/>.</summary>
    /// <typeparam name="TValue">The underlying type.</typeparam>
    /// <typeparam name="TEnum">The enum.</typeparam>
    /// <param name="buffer">The store's list column.</param>
    /// <param name="row">A filled row.</param>
    /// <returns>The enums.</returns>
    public static List<TEnum> ToList<TValue, TEnum>(ListBuffer<TValue> buffer, int row) => [.. ToArray<TValue, TEnum>(buffer, row)];

    /// <summary>Numbers read from a file as enums, or null.</summary>
    /// <typeparam name="TValue">The underlying type.</typeparam>
    /// <typeparam name="TEnum">The enum.</typeparam>
    /// <param name="values">The numbers, or null for a null list.</param>
    /// <returns>A new array, or null.</returns>
    public static TEnum[]? Array<TValue, TEnum>(TValue[]? values) => values is null ? null : Reinterpret<TValue, TEnum>(values);

    /// <summary>As <see cref="Array{TValue, TEnum}"/>, into a <see cref="List{T}"/>.</summary>
    /// <typeparam name="TValue">The underlying type.</typeparam>
    /// <typeparam name="TEnum">The enum.</typeparam>
    /// <param name="values">The numbers, or null for a null list.</param>
    /// <returns>A new list, or null.</returns>
    public static List<TEnum>? List<TValue, TEnum>(TValue[]? values) => values is null ? null : [.. Reinterpret<TValue, TEnum>(values)];

    /// <summary>A member's enums as the numbers the store holds, or null.</summary>
    /// <typeparam name="TEnum">The enum.</typeparam>
    /// <typeparam name="TValue">The underlying type.</typeparam>
    /// <param name="values">The enums, or null.</param>
    /// <returns>A new array, or null.</returns>
    public static TValue[]? Numbers<TEnum, TValue>(IEnumerable<TEnum>? values) => values is null ? null : Reinterpret<TEnum, TValue>(values.ToArray());

    private static TTo[] Reinterpret<TFrom, TTo>(ReadOnlySpan<TFrom> values)
    {
        if (Unsafe.SizeOf<TFrom>() != Unsafe.SizeOf<TTo>())
        {
            throw new ArgumentException($"{typeof(TFrom)} and {typeof(TTo)} differ in size, so neither is the other's underlying type.");
        }

        var converted = new TTo[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            converted[i] = Unsafe.As<TFrom, TTo>(ref Unsafe.AsRef(in values[i]));
        }

        return converted;
    }
}
