using System.Linq.Expressions;
using System.Reflection;

namespace Alimentar.IntegrationTests;

/// <summary>
/// Random <c>Where</c> predicates over a row type's scalar members, built as the C# compiler builds them, with
/// constants drawn from the data itself (so they hit), nudged past it, null, NaN and negative zero.
/// </summary>
internal sealed class RandomPredicates<T>(Random random, IReadOnlyList<T> rows)
{
    private static readonly PropertyInfo[] Members = typeof(T).GetProperties()
        .Where(p => !p.PropertyType.IsArray && p.Name != "EqualityContract")
        .ToArray();

    private readonly ParameterExpression _row = Expression.Parameter(typeof(T), "t");

    public Expression<Func<T, bool>> Next(int depth = 3) => Expression.Lambda<Func<T, bool>>(Node(depth), _row);

    private Expression Node(int depth)
    {
        int choice = depth <= 0 ? 0 : random.Next(6);
        return choice switch
        {
            1 => Expression.AndAlso(Node(depth - 1), Node(depth - 1)),
            2 => Expression.OrElse(Node(depth - 1), Node(depth - 1)),
            3 => Expression.Not(Node(depth - 1)),
            _ => Leaf(),
        };
    }

    private Expression Leaf()
    {
        PropertyInfo member = Members[random.Next(Members.Length)];
        MemberExpression access = Expression.Property(_row, member);
        Type type = member.PropertyType;
        Type underlying = Nullable.GetUnderlyingType(type) ?? type;
        bool ordered = underlying != typeof(bool) && underlying != typeof(string) && underlying != typeof(Guid);
        int kind = random.Next(10);
        if (kind == 0 && (!type.IsValueType || Nullable.GetUnderlyingType(type) is not null))
        {
            return random.Next(2) == 0 ? Expression.Equal(access, Expression.Constant(null, type)) : Expression.NotEqual(access, Expression.Constant(null, type));
        }

        if (kind == 1)
        {
            object?[] set = Enumerable.Range(0, random.Next(1, 6)).Select(_ => Sample(member)).ToArray();
            Array values = Array.CreateInstance(type, set.Length);
            for (int i = 0; i < set.Length; i++)
            {
                values.SetValue(set[i], i);
            }

            MethodInfo contains = typeof(Enumerable).GetMethods().Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2).MakeGenericMethod(type);
            return Expression.Call(contains, Expression.Constant(values), access);
        }

        if (kind == 2 && underlying == typeof(string))
        {
            string text = Sample(member) as string ?? "pre";
            string prefix = text[..random.Next(0, text.Length + 1)];
            // As C# code would, guard a nullable member before calling it.
            Expression guard = Expression.NotEqual(access, Expression.Constant(null, typeof(string)));
            return Expression.AndAlso(guard, random.Next(2) == 0
                ? Expression.Call(access, typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string), typeof(StringComparison)])!, Expression.Constant(prefix), Expression.Constant(StringComparison.Ordinal))
                : Expression.Call(access, typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!, Expression.Constant(prefix)));
        }

        if (kind == 3 && underlying == typeof(string))
        {
            // A range of strings as C# writes one: string.CompareOrdinal(t.Name, value) op 0, either argument first, null allowed.
            Expression bound = Expression.Constant(Sample(member) as string, typeof(string));
            MethodInfo compareOrdinal = typeof(string).GetMethod(nameof(string.CompareOrdinal), [typeof(string), typeof(string)])!;
            MethodCallExpression compare = random.Next(3) == 0 ? Expression.Call(compareOrdinal, bound, access) : Expression.Call(compareOrdinal, access, bound);
            var ops = new[] { ExpressionType.Equal, ExpressionType.NotEqual, ExpressionType.LessThan, ExpressionType.LessThanOrEqual, ExpressionType.GreaterThan, ExpressionType.GreaterThanOrEqual };
            return Expression.MakeBinary(ops[random.Next(ops.Length)], compare, Expression.Constant(0));
        }

        object? value = Sample(member);
        if (value is null)
        {
            value = Sample(member) ?? Sample(member);
            if (value is null)
            {
                return Expression.Equal(access, Expression.Constant(null, type));
            }
        }

        ConstantExpression constant = Expression.Constant(value, type);
        ExpressionType op = ordered
            ? (ExpressionType)new[] { ExpressionType.Equal, ExpressionType.NotEqual, ExpressionType.LessThan, ExpressionType.LessThanOrEqual, ExpressionType.GreaterThan, ExpressionType.GreaterThanOrEqual }[random.Next(6)]
            : random.Next(2) == 0 ? ExpressionType.Equal : ExpressionType.NotEqual;
        return random.Next(4) == 0 ? Expression.MakeBinary(op, constant, access) : Expression.MakeBinary(op, access, constant);
    }

    /// <summary>A member's value from a random row, now and then nudged off the data or replaced by an edge value.</summary>
    private object? Sample(PropertyInfo member)
    {
        object? value = member.GetValue(rows[random.Next(rows.Count)]);
        return (value, random.Next(8)) switch
        {
            (double, 0) => double.NaN,
            (double, 1) => -0.0,
            (double d, 2) => d + 0.25,
            (float, 0) => float.NaN,
            (float, 1) => -0.0f,
            (long l, 2) => l + 1,
            (int i, 2) => i - 1,
            (decimal m, 2) => m + 0.0001m,
            (DateTime t, 2) => t.AddTicks(1),
            (string s, 2) => s + "\u00e9",
            (string s, 3) when s.Length > 0 => s[..^1],
            (string s, 4) => s + "\U0001F600",
            _ => value,
        };
    }
}
