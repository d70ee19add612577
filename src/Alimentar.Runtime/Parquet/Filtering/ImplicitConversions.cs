namespace Alimentar.Parquet.Filtering;

/// <summary>
/// Which conversions C# inserts around a member to compare it, and which it only inserts because the user
/// cast: a filter pushes down the first kind only, since a narrowing cast changes the values compared.
/// </summary>
internal static class ImplicitConversions
{
    private static readonly Dictionary<Type, Type[]> Widening = new()
    {
        [typeof(sbyte)] = [typeof(short), typeof(int), typeof(long), typeof(float), typeof(double), typeof(decimal)],
        [typeof(byte)] = [typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal)],
        [typeof(short)] = [typeof(int), typeof(long), typeof(float), typeof(double), typeof(decimal)],
        [typeof(ushort)] = [typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal)],
        [typeof(int)] = [typeof(long), typeof(float), typeof(double), typeof(decimal)],
        [typeof(uint)] = [typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal)],
        [typeof(long)] = [typeof(float), typeof(double), typeof(decimal)],
        [typeof(ulong)] = [typeof(float), typeof(double), typeof(decimal)],
        [typeof(char)] = [typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal)],
        [typeof(float)] = [typeof(double)],
        [typeof(Half)] = [typeof(float), typeof(double)],
    };

    /// <summary>True when every value of <paramref name="from"/> survives conversion to <paramref name="to"/> as C# compares it.</summary>
    public static bool IsWidening(Type from, Type to)
    {
        if (from == to)
        {
            return true;
        }

        if (from.IsEnum)
        {
            // C# compares enums through their underlying type.
            return IsWidening(Enum.GetUnderlyingType(from), to.IsEnum ? Enum.GetUnderlyingType(to) : to);
        }

        return Widening.TryGetValue(from, out Type[]? targets) && targets.Contains(to);
    }
}
