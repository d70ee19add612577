using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;

namespace Alimentar.Parquet.Filtering;

/// <summary>
/// Turns a <c>Where</c> lambda into a <see cref="FilterNode"/> the reader can push down, walking the tree
/// itself (nothing is compiled, so NativeAOT is fine). What it cannot push down is refused here, naming
/// the part, so a filter never quietly turns into a full read.
/// </summary>
internal static class FilterParser
{
    /// <param name="predicate">The filter.</param>
    /// <param name="schema">The row type's schema.</param>
    /// <param name="nestedPaths">
    /// The record fields the source's filters read (<c>Meta.Year</c>), in the order their columns follow the row
    /// type's: a field met for the first time is added, and its column is the row type's column count plus its place.
    /// </param>
    public static FilterNode Parse<T>(Expression<Func<T, bool>> predicate, RowSchema schema, List<string> nestedPaths)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new Walker(predicate.Parameters[0], schema, predicate, nestedPaths).Node(predicate.Body);
    }

    /// <summary>
    /// The row member a comparison reads, with the type C# compares it in; EnumByName is the member's enum type
    /// when the file stores its names, which are parsed back to numbers to compare.
    /// </summary>
    private sealed record ColumnOperand(int Column, string Member, Type MemberType, FilterDomain Domain, bool Single, Type? EnumByName);

    private static FilterLeaf Typed(FilterLeaf leaf, ColumnOperand column) =>
        leaf with { Domain = column.Domain, Single = column.Single, EnumByName = column.EnumByName };

    private sealed class Walker(ParameterExpression row, RowSchema schema, LambdaExpression whole, List<string> nestedPaths)
    {
        // Past this many operands, an error names the part refused but not the whole predicate: printing a chain of
        // thousands is both useless and, a frame per level, deep enough to overflow the stack.
        private const int NamedWhole = 64;

        private int _operands;
        private int _nesting;

        public FilterNode Node(Expression expression)
        {
            switch (expression.NodeType)
            {
                case ExpressionType.AndAlso:
                case ExpressionType.And when expression.Type == typeof(bool):
                    return Chain((BinaryExpression)expression, any: false);
                case ExpressionType.OrElse:
                case ExpressionType.Or when expression.Type == typeof(bool):
                    return Chain((BinaryExpression)expression, any: true);
                case ExpressionType.Not when expression.Type == typeof(bool):
                    Enter(expression);
                    try
                    {
                        return new NotNode(Node(((UnaryExpression)expression).Operand));
                    }
                    finally
                    {
                        _nesting--;
                    }
                case ExpressionType.Equal:
                case ExpressionType.NotEqual:
                case ExpressionType.LessThan:
                case ExpressionType.LessThanOrEqual:
                case ExpressionType.GreaterThan:
                case ExpressionType.GreaterThanOrEqual:
                    return Comparison((BinaryExpression)expression);
                case ExpressionType.Call:
                    return Call((MethodCallExpression)expression);
            }

            if (expression.Type == typeof(bool) && !ReadsRow(expression))
            {
                return new ConstantNode((bool)Evaluate(expression)!);
            }

            if (expression.Type == typeof(bool) && Unwrap(expression) is MemberExpression { Member.Name: "HasValue" } hasValue
                && hasValue.Expression is { } nullable && Nullable.GetUnderlyingType(nullable.Type) is not null)
            {
                return new NotNode(new IsNullLeaf(Operand(nullable, expression).Column, MemberName(nullable)));
            }

            if (expression.Type == typeof(bool) && ReadsRow(expression))
            {
                // A bool member on its own: t.IsActive.
                ColumnOperand column = Operand(expression, expression);
                return Typed(new CompareLeaf(column.Column, column.Member, CompareOp.Equal, FilterValue.Integer(1)), column);
            }

            throw Refuse(expression, "it is not a comparison, a null test, StartsWith, Contains, or &&, || and ! of those");
        }

        private FilterNode Comparison(BinaryExpression comparison)
        {
            if (OrdinalComparison(comparison) is { } ordered)
            {
                return ordered;
            }

            bool leftReads = ReadsRow(comparison.Left);
            bool rightReads = ReadsRow(comparison.Right);
            if (leftReads == rightReads)
            {
                if (!leftReads)
                {
                    return new ConstantNode((bool)Evaluate(comparison)!);
                }

                throw Refuse(comparison, "it compares two members of the row; one side must be a constant or a captured value");
            }

            CompareOp op = OpOf(comparison.NodeType);
            Expression member = leftReads ? comparison.Left : comparison.Right;
            Expression constant = leftReads ? comparison.Right : comparison.Left;
            if (!leftReads)
            {
                op = Mirror(op);
            }

            ColumnOperand column = Operand(member, comparison);
            object? value = Evaluate(constant);
            if (value is null)
            {
                // C#: x == null and x != null test for null; x < null and the like are false for every x.
                return op switch
                {
                    CompareOp.Equal => new IsNullLeaf(column.Column, column.Member),
                    CompareOp.NotEqual => new NotNode(new IsNullLeaf(column.Column, column.Member)),
                    _ => new ConstantNode(false),
                };
            }

            FilterValue converted = FilterValue.From(value, column.Domain, column.Single)
                ?? throw Refuse(comparison, $"the value {value} ({value.GetType().Name}) cannot be compared with '{column.Member}'");
            return Typed(new CompareLeaf(column.Column, column.Member, op, converted) { Shown = ExplainedValue.Show(value) }, column);
        }

        /// <summary>
        /// <c>string.CompareOrdinal(member, value) op 0</c> and <c>string.Compare(member, value, StringComparison.Ordinal) op 0</c>
        /// (either side, either argument): C# has no ordering operators on strings, so this is how a range of strings is
        /// written. As in C#, null sorts before every string. Null when the comparison is not of a string comparison.
        /// </summary>
        private FilterNode? OrdinalComparison(BinaryExpression comparison)
        {
            bool onLeft = Unwrap(comparison.Left) is MethodCallExpression;
            if ((onLeft ? Unwrap(comparison.Left) : Unwrap(comparison.Right)) is not MethodCallExpression call
                || call.Method.DeclaringType != typeof(string) || call.Method.Name is not (nameof(string.Compare) or nameof(string.CompareOrdinal) or nameof(string.CompareTo))
                || !ReadsRow(call))
            {
                return null;
            }

            Expression result = onLeft ? comparison.Right : comparison.Left;
            if (ReadsRow(result) || Evaluate(result) is not 0)
            {
                throw Refuse(comparison, "a string comparison is pushed down compared with 0 (its other results are differences, not signs)");
            }

            (Expression first, Expression second) = call.Method.Name switch
            {
                nameof(string.CompareOrdinal) when call.Arguments.Count == 2 => (call.Arguments[0], call.Arguments[1]),
                nameof(string.Compare) when call.Arguments.Count == 3 && call.Arguments[2].Type == typeof(StringComparison) && !ReadsRow(call.Arguments[2])
                    && Evaluate(call.Arguments[2]) is System.StringComparison.Ordinal => (call.Arguments[0], call.Arguments[1]),
                _ => throw Refuse(call, "only string.CompareOrdinal(a, b) and string.Compare(a, b, StringComparison.Ordinal) are pushed down: CompareTo and the other overloads compare by culture, which statistics cannot order"),
            };

            bool memberFirst = ReadsRow(first);
            if (memberFirst == ReadsRow(second))
            {
                throw Refuse(call, "it compares two members of the row; one side must be a constant or a captured value");
            }

            CompareOp op = OpOf(comparison.NodeType);

            // 0 op Compare(a, b) is Compare(a, b) mirrored; Compare(value, member) op 0 is member mirrored-op value.
            if (!onLeft)
            {
                op = Mirror(op);
            }

            if (!memberFirst)
            {
                op = Mirror(op);
            }

            ColumnOperand column = Operand(memberFirst ? first : second, comparison);
            if (column.Domain != FilterDomain.Text)
            {
                throw Refuse(call, "a string comparison is pushed down only on string members");
            }

            if (Evaluate(memberFirst ? second : first) is not string value)
            {
                // Against null, a null member compares equal and every string greater.
                var isNull = new IsNullLeaf(column.Column, column.Member);
                return op switch
                {
                    CompareOp.Equal or CompareOp.LessOrEqual => isNull,
                    CompareOp.NotEqual or CompareOp.Greater => new NotNode(isNull),
                    CompareOp.GreaterOrEqual => new ConstantNode(true),
                    _ => new ConstantNode(false),
                };
            }

            return Typed(new CompareLeaf(column.Column, column.Member, op, FilterValue.String(value)) { NullSortsFirst = true }, column);
        }

        private FilterNode Call(MethodCallExpression call)
        {
            MethodInfo method = call.Method;
            if (method.DeclaringType == typeof(string) && method.Name == nameof(string.StartsWith) && call.Object is { } text && ReadsRow(text))
            {
                ColumnOperand column = Operand(text, call);
                if (column.Domain != FilterDomain.Text)
                {
                    throw Refuse(call, "StartsWith is pushed down only on string members");
                }

                if (call.Arguments.Skip(1).Any(ReadsRow) || ReadsRow(call.Arguments[0]))
                {
                    throw Refuse(call, "the prefix must be a constant or a captured value");
                }

                object? prefix = Evaluate(call.Arguments[0]);
                string prefixText = prefix switch
                {
                    string s => s,
                    char c => c.ToString(),
                    _ => throw Refuse(call, "the prefix is null"),
                };
                bool ordinal = prefix is char;
                if (call.Arguments.Count == 2)
                {
                    ordinal = Evaluate(call.Arguments[1]) switch
                    {
                        StringComparison.Ordinal => true,
                        StringComparison.CurrentCulture => false,
                        _ => throw Refuse(call, "only StringComparison.Ordinal and the culture-sensitive default are pushed down"),
                    };
                }
                else if (call.Arguments.Count > 2)
                {
                    throw Refuse(call, "only StartsWith(prefix) and StartsWith(prefix, StringComparison.Ordinal) are pushed down");
                }

                return Typed(new StartsWithLeaf(column.Column, column.Member, prefixText, ordinal), column);
            }

            if (method.DeclaringType == typeof(string) && method.Name == nameof(string.IsNullOrEmpty) && call.Arguments.Count == 1 && ReadsRow(call.Arguments[0]))
            {
                ColumnOperand column = Operand(call.Arguments[0], call);
                return new OrNode(new IsNullLeaf(column.Column, column.Member), Typed(new CompareLeaf(column.Column, column.Member, CompareOp.Equal, FilterValue.String(string.Empty)), column));
            }

            if (method.Name == "Contains")
            {
                return Contains(call);
            }

            if (!ReadsRow(call) && call.Type == typeof(bool))
            {
                return new ConstantNode((bool)Evaluate(call)!);
            }

            throw Refuse(call, $"the method {method.DeclaringType?.Name}.{method.Name} is not pushed down (StartsWith, string.IsNullOrEmpty and a constant set's Contains are)");
        }

        private FilterNode Contains(MethodCallExpression call)
        {
            // Enumerable.Contains(set, x[, comparer]), MemoryExtensions.Contains(span, x[, comparer]) and
            // set.Contains(x[, comparer]) alike. C# 14 binds array.Contains(x) to the span overload with a null
            // comparer whenever the element type is not IEquatable of itself (every nullable value type).
            (Expression set, Expression item, Expression? comparer) = (call.Object, call.Arguments.Count) switch
            {
                (null, 2) => (call.Arguments[0], call.Arguments[1], null),
                (null, 3) => (call.Arguments[0], call.Arguments[1], call.Arguments[2]),
                ({ } target, 1) => (target, call.Arguments[0], null),
                ({ } target, 2) => (target, call.Arguments[0], call.Arguments[1]),
                _ => throw Refuse(call, "this Contains overload is not pushed down"),
            };
            if (set.Type == typeof(string))
            {
                throw Refuse(call, "string.Contains (a substring test) is not pushed down");
            }

            if (ReadsRow(set) || !ReadsRow(item))
            {
                throw Refuse(call, "Contains is pushed down as constantSet.Contains(row.Member)");
            }

            // Implicit conversions of an array to a span appear as calls; the array is what they convert.
            while (set is MethodCallExpression { Method.Name: "op_Implicit", Arguments.Count: 1 } conversion)
            {
                set = conversion.Arguments[0];
            }

            if (comparer is not null && (ReadsRow(comparer) || !SetComparers.IsDefault(comparer, Evaluate)))
            {
                throw Refuse(call, $"the comparer {comparer} decides equality its own way; only the default comparer (or none) is pushed down");
            }

            object? values = Evaluate(set);
            if (SetComparers.Of(values) is { } own && !SetComparers.IsDefault(own))
            {
                throw Refuse(call, $"the set compares with its own comparer ({own.GetType().Name}); only default equality is pushed down");
            }

            if (values is not IEnumerable enumerable)
            {
                throw Refuse(call, "the set is null or cannot be enumerated");
            }

            ColumnOperand column = Operand(item, call);
            var members = new List<FilterValue>();
            bool hasNull = false;
            foreach (object? element in enumerable)
            {
                if (element is null)
                {
                    hasNull = true;
                    continue;
                }

                members.Add(FilterValue.From(element, column.Domain, column.Single)
                    ?? throw Refuse(call, $"the set's value {element} cannot be compared with '{column.Member}'"));
            }

            return Typed(new InSetLeaf(column.Column, column.Member, members.Distinct().ToArray(), hasNull), column);
        }

        /// <summary>The row member under <paramref name="expression"/>, through the conversions C# inserts to compare it.</summary>
        private ColumnOperand Operand(Expression expression, Expression part)
        {
            Type comparedAs = Nullable.GetUnderlyingType(expression.Type) ?? expression.Type;
            Expression inner = expression;
            while (inner is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert)
            {
                inner = convert.Operand;
                Type from = Nullable.GetUnderlyingType(inner.Type) ?? inner.Type;
                Type to = Nullable.GetUnderlyingType(convert.Type) ?? convert.Type;
                if (!ImplicitConversions.IsWidening(from, to))
                {
                    throw Refuse(part, $"it converts '{MemberName(inner)}' from {from.Name} to {to.Name}, which may change its value");
                }
            }

            if (inner is MemberExpression { Member.Name: "Value" } value && value.Expression is { } nullable && Nullable.GetUnderlyingType(nullable.Type) is not null)
            {
                inner = nullable;
            }

            if (MemberPath(inner) is not [{ } first, .. string[] fields] || inner is not MemberExpression access)
            {
                throw Refuse(part, "only members of the row and fields of its records are pushed down (not computed values or method results)");
            }

            int column = -1;
            for (int i = 0; i < schema.Columns.Count; i++)
            {
                if (schema.Columns[i].MemberName == first)
                {
                    column = i;
                    break;
                }
            }

            if (column < 0)
            {
                throw Refuse(part, $"'{first}' is not a column of {schema.RowTypeName}");
            }

            ColumnDescriptor descriptor = schema.Columns[column];
            string memberName = first;
            foreach (string field in fields)
            {
                // A field of a record member: its leaf is read as a column of its own, after the row type's.
                if (descriptor.Fields is null || descriptor.IsList)
                {
                    throw Refuse(part, descriptor.IsList
                        ? $"'{memberName}' is a list; predicates over the contents of lists and maps are not pushed down"
                        : $"'{memberName}' is not a record");
                }

                descriptor = descriptor.Fields.FirstOrDefault(f => f.MemberName == field)
                    ?? throw Refuse(part, $"'{field}' is not a column of {memberName}");
                memberName += "." + field;
            }

            if (fields.Length > 0)
            {
                if (descriptor.Fields is not null && !descriptor.IsList)
                {
                    throw Refuse(part, $"'{memberName}' is a record; compare one of its fields");
                }

                int place = nestedPaths.IndexOf(memberName);
                if (place < 0)
                {
                    place = nestedPaths.Count;
                    nestedPaths.Add(memberName);
                }

                column = schema.Columns.Count + place;
            }
            if (descriptor.IsList || descriptor.Type == ColumnType.Binary)
            {
                throw Refuse(part, $"'{memberName}' is a {(descriptor.IsList ? "list" : "binary")} column; only its null test is pushed down");
            }

            Type memberType = Nullable.GetUnderlyingType(access.Type) ?? access.Type;
            FilterDomain domain = DomainOf(comparedAs.IsEnum ? Enum.GetUnderlyingType(comparedAs) : comparedAs)
                ?? throw Refuse(part, $"values of {comparedAs.Name} are not compared by filters");
            Type? enumByName = memberType.IsEnum && descriptor.Type == ColumnType.String ? memberType : null;
            return new ColumnOperand(column, memberName, memberType, domain, comparedAs == typeof(float), enumByName);
        }

        private static FilterDomain? DomainOf(Type type)
        {
            if (type == typeof(float) || type == typeof(double) || type == typeof(Half)) return FilterDomain.Floating;
            if (type == typeof(decimal)) return FilterDomain.Decimal;
            if (type == typeof(string)) return FilterDomain.Text;
            if (type == typeof(Guid)) return FilterDomain.Guid;
            if (type.IsPrimitive || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly)
                || type == typeof(TimeOnly) || type == typeof(TimeSpan) || type == typeof(Int128) || type == typeof(UInt128))
            {
                return FilterDomain.Integer;
            }

            return null;
        }

        private static CompareOp OpOf(ExpressionType comparison) => comparison switch
        {
            ExpressionType.Equal => CompareOp.Equal,
            ExpressionType.NotEqual => CompareOp.NotEqual,
            ExpressionType.LessThan => CompareOp.Less,
            ExpressionType.LessThanOrEqual => CompareOp.LessOrEqual,
            ExpressionType.GreaterThan => CompareOp.Greater,
            _ => CompareOp.GreaterOrEqual,
        };

        private static CompareOp Mirror(CompareOp op) => op switch
        {
            CompareOp.Less => CompareOp.Greater,
            CompareOp.LessOrEqual => CompareOp.GreaterOrEqual,
            CompareOp.Greater => CompareOp.Less,
            CompareOp.GreaterOrEqual => CompareOp.LessOrEqual,
            _ => op,
        };

        private bool ReadsRow(Expression expression) => new RowReferenceFinder(row).Finds(expression);

        private static Expression Unwrap(Expression expression) =>
            expression is UnaryExpression { NodeType: ExpressionType.Convert } convert ? Unwrap(convert.Operand) : expression;

        private string MemberName(Expression expression) => MemberPath(Unwrap(expression)) is { } path ? string.Join('.', path) : expression.ToString();

        /// <summary>
        /// The member names from the row down to <paramref name="expression"/> (<c>Meta</c>, <c>Year</c>), through
        /// <c>.Value</c> of nullable structs and the conversions a null-forgiving or nullable access inserts; null when
        /// it is not a chain of members from the row.
        /// </summary>
        private string[]? MemberPath(Expression expression)
        {
            var names = new List<string>();
            Expression? at = expression;
            while (true)
            {
                at = Unwrap(at);
                if (at is MemberExpression { Member.Name: "Value", Expression: { } nullable } && Nullable.GetUnderlyingType(nullable.Type) is not null && names.Count > 0)
                {
                    at = nullable;
                    continue;
                }

                if (at is MemberExpression { Expression: { } owner } member)
                {
                    names.Insert(0, member.Member.Name);
                    at = owner;
                    continue;
                }

                return at == row && names.Count > 0 ? [.. names] : null;
            }
        }

        private object? Evaluate(Expression expression)
        {
            try
            {
                return ConstantEvaluator.Evaluate(expression);
            }
            catch (NotSupportedException unsupported)
            {
                throw Refuse(expression, unsupported.Message);
            }
        }

        /// <summary>
        /// A chain of &amp;&amp; (or of ||) as one balanced node: its operands are found without recursion, however a
        /// program folded them (left or right), and each is walked on its own.
        /// </summary>
        private FilterNode Chain(BinaryExpression top, bool any)
        {
            Enter(top);
            try
            {
                var operands = new List<Expression>();
                var pending = new Stack<Expression>();
                pending.Push(top);
                while (pending.TryPop(out Expression? next))
                {
                    if (IsJoin(next, any))
                    {
                        var join = (BinaryExpression)next;
                        pending.Push(join.Right);
                        pending.Push(join.Left);
                    }
                    else
                    {
                        operands.Add(next);
                    }
                }

                _operands += operands.Count;
                return FilterNode.Join([.. operands.Select(Node)], any);
            }
            finally
            {
                _nesting--;
            }

            static bool IsJoin(Expression expression, bool any) => any
                ? expression.NodeType == ExpressionType.OrElse || (expression.NodeType == ExpressionType.Or && expression.Type == typeof(bool))
                : expression.NodeType == ExpressionType.AndAlso || (expression.NodeType == ExpressionType.And && expression.Type == typeof(bool));
        }

        /// <summary>One level deeper into ! or a chain; the caller steps back out.</summary>
        private void Enter(Expression level)
        {
            if (++_nesting > FilterNode.MaxNesting)
            {
                throw new UnsupportedFilterException(
                    $"The filter cannot be pushed down to the Parquet reader: it nests deeper than {FilterNode.MaxNesting} levels of ! and of && within || (or || within &&).",
                    level.NodeType.ToString());
            }
        }

        private UnsupportedFilterException Refuse(Expression part, string why) => new(
            _operands <= NamedWhole
                ? $"The filter '{whole}' cannot be pushed down to the Parquet reader: {why} (in '{part}')."
                : string.Create(CultureInfo.InvariantCulture, $"The filter of {_operands:N0} operands cannot be pushed down to the Parquet reader: {why} (in '{part}')."),
            part.ToString());
    }

    /// <summary>Finds whether an expression reads the row parameter anywhere.</summary>
    private sealed class RowReferenceFinder(ParameterExpression row) : ExpressionVisitor
    {
        private bool _found;

        public bool Finds(Expression expression)
        {
            _found = false;
            Visit(expression);
            return _found;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _found |= node == row;
            return node;
        }
    }
}
