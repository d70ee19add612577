using System.Reflection;
using System.Text;

namespace Alimentar.Runtime.Tests;

/// <summary>
/// The public surface of the Alimentar assemblies against a committed baseline, so that every change to it
/// shows up as a diff in review. Set <c>ALIMENTAR_ACCEPT_SNAPSHOTS=1</c> to accept a deliberate change.
/// </summary>
public sealed class PublicApiTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void The_public_api_matches_its_baseline()
    {
        string actual = Describe(typeof(IStreamingRow<>).Assembly) + Describe(typeof(StreamingDataset<>).Assembly);
        string directory = typeof(PublicApiTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TestProjectDirectory").Value!;
        string verified = Path.Combine(directory, "PublicApi.verified.txt");
        string received = Path.Combine(directory, "PublicApi.received.txt");
        string expected = File.Exists(verified) ? File.ReadAllText(verified).ReplaceLineEndings("\n") : string.Empty;
        if (actual == expected)
        {
            File.Delete(received);
            return;
        }

        if (Environment.GetEnvironmentVariable("ALIMENTAR_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, actual);
            return;
        }

        File.WriteAllText(received, actual);
        string[] want = expected.Split('\n');
        string[] got = actual.Split('\n');
        int line = Enumerable.Range(0, Math.Max(want.Length, got.Length)).First(i => i >= want.Length || i >= got.Length || want[i] != got[i]);
        Assert.Fail($"The public API changed (see {received}); first difference at line {line + 1}:\n  baseline: {(line < want.Length ? want[line] : "<end>")}\n  now:      {(line < got.Length ? got[line] : "<end>")}");
    }

    private static string Describe(Assembly assembly)
    {
        var text = new StringBuilder();
        text.Append("assembly ").Append(assembly.GetName().Name).Append('\n');
        foreach (Type type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(TypeLine(type)).Append('\n');
            foreach (string member in type.GetMembers(Declared).Where(IsVisible).Select(MemberLine).Where(m => m.Length > 0).Order(StringComparer.Ordinal))
            {
                text.Append("  ").Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string TypeLine(Type type)
    {
        string kind = type.IsInterface ? "interface" : type.IsEnum ? "enum" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : type.IsAbstract ? "abstract class" : type.IsSealed ? "sealed class" : "class";
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
        {
            bases.Add(Name(baseType));
        }

        bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name).Order(StringComparer.Ordinal));
        return $"{kind} {Name(type)}{(bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty)}";
    }

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase method => (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly) && !(method is MethodInfo { IsSpecialName: true }),
        FieldInfo field => (field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly) && !field.IsSpecialName,
        PropertyInfo property => property.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
        EventInfo => true,
        Type nested => nested.IsNestedPublic || nested.IsNestedFamily,
        _ => false,
    };

    private static string MemberLine(MemberInfo member) => member switch
    {
        ConstructorInfo constructor => $"ctor({Parameters(constructor)})",
        MethodInfo method => $"{(method.IsStatic ? "static " : string.Empty)}{(method.IsAbstract ? "abstract " : method.IsVirtual && !method.IsFinal ? "virtual " : string.Empty)}{Name(method.ReturnType)} {method.Name}{(method.IsGenericMethod ? "<" + string.Join(", ", method.GetGenericArguments().Select(Name)) + ">" : string.Empty)}({Parameters(method)})",
        PropertyInfo property => $"{(property.GetAccessors(true)[0].IsStatic ? "static " : string.Empty)}{Name(property.PropertyType)} {property.Name}{(property.GetIndexParameters().Length > 0 ? "[" + string.Join(", ", property.GetIndexParameters().Select(p => Name(p.ParameterType))) + "]" : string.Empty)} {{ {(property.GetMethod is { } g && (g.IsPublic || g.IsFamily) ? "get; " : string.Empty)}{(property.SetMethod is { } s && (s.IsPublic || s.IsFamily) ? (s.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit") ? "init; " : "set; ") : string.Empty)}}}",
        FieldInfo field => $"{(field.IsLiteral ? "const " : field.IsStatic ? "static " : string.Empty)}{Name(field.FieldType)} {field.Name}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        Type nested => $"nested {Name(nested)}",
        _ => string.Empty,
    };

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p => $"{(p.ParameterType.IsByRef ? (p.IsOut ? "out " : "ref ") : string.Empty)}{Name(p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : string.Empty)}"));

    private static string Name(Type type)
    {
        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        string name = type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : type.Namespace + "." + type.Name;
        if (!type.IsGenericType)
        {
            return name;
        }

        int tick = name.IndexOf('`', StringComparison.Ordinal);
        string bare = tick < 0 ? name : name[..tick];
        Type[] arguments = type.GetGenericArguments();
        return $"{bare}<{string.Join(", ", arguments.Select(Name))}>";
    }
}
