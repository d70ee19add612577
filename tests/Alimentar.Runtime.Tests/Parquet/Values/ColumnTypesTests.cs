using System.Numerics;
using Alimentar.Parquet.Values;

namespace Alimentar.Runtime.Tests;

/// <summary>The one table of member value types: CLR type, C# name, integers, and the type each stored kind reads as by default.</summary>
public sealed class ColumnTypesTests
{
    public static TheoryData<ColumnType> ValueTypes => [.. Enum.GetValues<ColumnType>().Where(type => type != ColumnType.Group)];

    public static TheoryData<int> FileKinds => [.. Enum.GetValues<FileValueKind>().Select(kind => (int)kind)];

    [Theory]
    [MemberData(nameof(ValueTypes))]
    public void Every_value_type_has_a_clr_type_and_the_csharp_name_a_row_type_declares_it_with(ColumnType type)
    {
        Type clr = ColumnTypes.Accept<Type, ClrType>(type, default);

        Assert.Equal(Keyword(clr) ?? clr.Name, ColumnTypes.CSharpName(type));
        Assert.Equal(clr.IsValueType && clr.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IBinaryInteger<>)) && clr != typeof(char), ColumnTypes.IsInteger(type));
    }

    [Theory]
    [MemberData(nameof(FileKinds))]
    public void Every_stored_kind_but_the_unsupported_one_has_a_natural_member_type_that_reads_it(int stored)
    {
        var kind = (FileValueKind)stored;
        ColumnType? natural = kind.NaturalType();

        Assert.Equal(kind == FileValueKind.Unsupported, natural is null);
        if (natural is { } type)
        {
            Assert.True(FileValueKinds.CanConvert(kind, type), $"{kind} reads as {type} by default but cannot be converted to it");
        }
    }

    [Fact]
    public void Times_of_day_read_as_TimeOnly_and_half_floats_as_float_by_default()
    {
        Assert.All([FileValueKind.TimeMillis, FileValueKind.TimeMicros, FileValueKind.TimeNanos, FileValueKind.TimeOnly, FileValueKind.TimeSpan], kind => Assert.Equal(ColumnType.TimeOnly, kind.NaturalType()));
        Assert.Equal(ColumnType.Single, FileValueKind.Half.NaturalType());
    }

    private static string? Keyword(Type clr) => clr == typeof(bool) ? "bool" : clr == typeof(sbyte) ? "sbyte" : clr == typeof(byte) ? "byte"
        : clr == typeof(short) ? "short" : clr == typeof(ushort) ? "ushort" : clr == typeof(int) ? "int" : clr == typeof(uint) ? "uint"
        : clr == typeof(long) ? "long" : clr == typeof(ulong) ? "ulong" : clr == typeof(float) ? "float" : clr == typeof(double) ? "double"
        : clr == typeof(decimal) ? "decimal" : clr == typeof(string) ? "string" : clr == typeof(byte[]) ? "byte[]" : null;

    private readonly struct ClrType : IColumnTypeVisitor<Type>
    {
        public Type Value<T>()
            where T : struct => typeof(T);

        public Type String() => typeof(string);

        public Type Binary() => typeof(byte[]);
    }
}
