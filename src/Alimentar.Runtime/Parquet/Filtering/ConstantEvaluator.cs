using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;

namespace Alimentar.Parquet.Filtering;

/// <summary>
/// Works out the constant side of a filter (literals, captured variables, their members and items, conversions, new
/// arrays and objects, and calls on those) by walking the tree, without compiling it: the shapes a
/// <c>Where</c> lambda's constants take. Anything else is refused with <see cref="NotSupportedException"/>.
/// </summary>
internal static class ConstantEvaluator
{
    public static object? Evaluate(Expression expression)
    {
        switch (expression)
        {
            case ConstantExpression constant:
                return constant.Value;
            case MemberExpression member:
                object? target = member.Expression is null ? null : Evaluate(member.Expression);
                return member.Member switch
                {
                    FieldInfo field => field.GetValue(target),
                    PropertyInfo property => property.GetValue(target),
                    _ => throw new NotSupportedException($"its member {member.Member.Name} cannot be read"),
                };
            case UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert:
                return Convert(Evaluate(convert.Operand), convert.Type);
            case UnaryExpression { NodeType: ExpressionType.Negate or ExpressionType.NegateChecked } negate:
                return Evaluate(negate.Operand) switch
                {
                    int v => -v,
                    long v => -v,
                    float v => -v,
                    double v => -v,
                    decimal v => -v,
                    TimeSpan v => -v,
                    _ => throw new NotSupportedException("it negates a value that is not a number"),
                };
            case BinaryExpression { NodeType: ExpressionType.ArrayIndex } index:
                return Evaluate(index.Left) is Array indexed
                    ? Element(indexed, System.Convert.ToInt64(Evaluate(index.Right), CultureInfo.InvariantCulture))
                    : throw new NotSupportedException("it indexes a null array");
            case UnaryExpression { NodeType: ExpressionType.ArrayLength } length:
                return Evaluate(length.Operand) is Array measured ? measured.Length : throw new NotSupportedException("it takes the length of a null array");
            case NewArrayExpression { NodeType: ExpressionType.NewArrayInit } array:
                // Only a set's Contains reads a new array, and it only enumerates it.
                return array.Expressions.Select(Evaluate).ToList();
            case NewExpression { Constructor: { } constructor } created:
                return constructor.Invoke(created.Arguments.Select(Evaluate).ToArray());
            case MethodCallExpression call:
                return Invoke(call.Method, call.Object is null ? null : Evaluate(call.Object), call.Arguments.Select(Evaluate).ToArray());
            case BinaryExpression { Method: { } method } binary:
                return Invoke(method, null, [Evaluate(binary.Left), Evaluate(binary.Right)]);
            case BinaryExpression binary when binary.Type == typeof(bool) || binary.Left.Type.IsPrimitive:
                return Arithmetic(binary, Evaluate(binary.Left), Evaluate(binary.Right));
            default:
                throw new NotSupportedException($"its value cannot be worked out without compiling it ({expression.NodeType})");
        }
    }

    private static object? Element(Array array, long index) =>
        index >= 0 && index < array.LongLength ? array.GetValue(index) : throw new NotSupportedException($"it reads item {index} of an array of {array.LongLength}");

    private static object? Invoke(MethodInfo method, object? target, object?[] arguments)
    {
        try
        {
            return method.Invoke(target, arguments);
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            throw new NotSupportedException($"working out its value threw: {error.InnerException.Message}", error.InnerException);
        }
    }

    private static object? Convert(object? value, Type type)
    {
        Type target = Nullable.GetUnderlyingType(type) ?? type;
        if (value is null || target.IsInstanceOfType(value) || target == typeof(object))
        {
            return value;
        }

        if (target.IsEnum)
        {
            return Enum.ToObject(target, value);
        }

        if (value is Enum)
        {
            value = System.Convert.ChangeType(value, Enum.GetUnderlyingType(value.GetType()), CultureInfo.InvariantCulture);
        }

        return value is IConvertible
            ? System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture)
            : throw new NotSupportedException($"it converts {value.GetType().Name} to {target.Name}");
    }

    /// <summary>Comparisons and arithmetic between two constants, e.g. a bound computed in the lambda (<c>t.Id &gt; offset + 10</c>).</summary>
    private static object? Arithmetic(BinaryExpression binary, object? left, object? right)
    {
        if (binary.NodeType == ExpressionType.Equal) return Equals(left, right);
        if (binary.NodeType == ExpressionType.NotEqual) return !Equals(left, right);
        if (left is bool a && right is bool b)
        {
            return binary.NodeType switch
            {
                ExpressionType.AndAlso or ExpressionType.And => a && b,
                ExpressionType.OrElse or ExpressionType.Or => a || b,
                _ => throw new NotSupportedException($"it applies {binary.NodeType} to two bools"),
            };
        }

        if (left is null || right is null)
        {
            return null;
        }

        if (left is double or float || right is double or float)
        {
            double x = System.Convert.ToDouble(left, CultureInfo.InvariantCulture), y = System.Convert.ToDouble(right, CultureInfo.InvariantCulture);
            return Narrow(binary.Type, binary.NodeType switch
            {
                ExpressionType.Add => x + y,
                ExpressionType.Subtract => x - y,
                ExpressionType.Multiply => x * y,
                ExpressionType.Divide => x / y,
                ExpressionType.LessThan => x < y,
                ExpressionType.LessThanOrEqual => x <= y,
                ExpressionType.GreaterThan => x > y,
                ExpressionType.GreaterThanOrEqual => x >= y,
                _ => throw new NotSupportedException($"it applies {binary.NodeType} to numbers"),
            });
        }

        long l = System.Convert.ToInt64(left, CultureInfo.InvariantCulture), r = System.Convert.ToInt64(right, CultureInfo.InvariantCulture);
        return Narrow(binary.Type, binary.NodeType switch
        {
            ExpressionType.Add or ExpressionType.AddChecked => checked(l + r),
            ExpressionType.Subtract or ExpressionType.SubtractChecked => checked(l - r),
            ExpressionType.Multiply or ExpressionType.MultiplyChecked => checked(l * r),
            ExpressionType.Divide => l / r,
            ExpressionType.Modulo => l % r,
            ExpressionType.LessThan => l < r,
            ExpressionType.LessThanOrEqual => l <= r,
            ExpressionType.GreaterThan => l > r,
            ExpressionType.GreaterThanOrEqual => l >= r,
            _ => throw new NotSupportedException($"it applies {binary.NodeType} to numbers"),
        });
    }

    private static object Narrow(Type type, object value) =>
        value is bool ? value : System.Convert.ChangeType(value, Nullable.GetUnderlyingType(type) ?? type, CultureInfo.InvariantCulture);
}
