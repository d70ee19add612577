using System.Reflection;
using System.Runtime.CompilerServices;
using Alimentar.Generators.Parsing;

namespace Alimentar.Generators.Tests;

/// <summary>The generator's copies of runtime names (reserved members, column types) against the runtime types themselves.</summary>
public sealed class ReservedNamesTests
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    [Fact]
    public void Every_member_and_extension_of_Batch_is_reserved_for_accessors()
    {
        IEnumerable<string> members = typeof(Batch<>).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => m is not ConstructorInfo && !(m is MethodInfo { IsSpecialName: true }))
            .Select(m => m.Name);
        IEnumerable<string> extensions = typeof(Batch<>).Assembly.GetExportedTypes()
            .Where(t => t.IsAbstract && t.IsSealed)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.IsDefined(typeof(ExtensionAttribute)) && m.GetParameters()[0].ParameterType is { IsGenericType: true } p && p.GetGenericTypeDefinition() == typeof(Batch<>))
            .Select(m => m.Name);

        string[] missing = members.Concat(extensions).Distinct().Where(name => !ReservedNames.Batch.Contains(name)).ToArray();
        Assert.True(missing.Length == 0, "Batch<T> members the generator does not reserve: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_member_a_store_inherits_is_reserved_for_fields()
    {
        IEnumerable<string> members = typeof(ColumnStore<>).GetMembers(Everything)
            .Where(m => m is not ConstructorInfo && !(m is MethodInfo { IsSpecialName: true }) && !(m is FieldInfo { IsPrivate: true }) && !(m is MethodBase { IsPrivate: true }))
            .Select(m => m.Name);

        string[] missing = members.Distinct().Where(name => !ReservedNames.Store.Contains(name)).ToArray();
        Assert.True(missing.Length == 0, "ColumnStore<T> members the generator does not reserve: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_generator_s_column_kinds_are_the_runtime_s_column_types_in_order()
    {
        Assert.Equal(Enum.GetNames<ColumnType>(), Enum.GetNames<Alimentar.Generators.Model.ColumnKind>());
        Assert.Equal(Enum.GetValues<ColumnType>().Select(v => (int)v), Enum.GetValues<Alimentar.Generators.Model.ColumnKind>().Select(v => (int)v));
    }
}
