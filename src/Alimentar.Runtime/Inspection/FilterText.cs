using System.Globalization;
using System.Text;

namespace Alimentar.Inspection;

/// <summary>
/// The filter language of <c>alimentar explain --where</c>, C#-like over the file's column names:
/// <c>id &gt;= 100 &amp;&amp; (name == "x" || note == null)</c>, <c>!(price &lt; 1.5)</c>, <c>label.StartsWith("pre")</c>,
/// <c>id in (1, 2, 3)</c>. Dates, times and GUIDs are written as strings: <c>at &gt;= "2024-01-05T00:00:00Z"</c>.
/// Strings compare ordinally, as <c>Where</c> does.
/// </summary>
internal sealed class FilterText
{
    private readonly string _text;
    private readonly BoundColumn[] _columns;
    private int _at;
    private int _nesting;

    private FilterText(string text, BoundColumn[] columns)
    {
        _text = text;
        _columns = columns;
    }

    /// <exception cref="FormatException">The text is not a filter over these columns; the message says where and why.</exception>
    public static FilterNode Parse(string text, BoundColumn[] columns)
    {
        var parser = new FilterText(text, columns);
        FilterNode node = parser.Or();
        parser.SkipSpace();
        return parser._at == text.Length ? node : throw parser.Error("expected && or || or the end");
    }

    private FilterNode Or()
    {
        var operands = new List<FilterNode> { And() };
        while (Take("||"))
        {
            operands.Add(And());
        }

        return FilterNode.Join(operands, any: true);
    }

    private FilterNode And()
    {
        var operands = new List<FilterNode> { Unary() };
        while (Take("&&"))
        {
            operands.Add(Unary());
        }

        return FilterNode.Join(operands, any: false);
    }

    private FilterNode Unary()
    {
        bool not = Take("!");
        if (!not && !Take("("))
        {
            return Comparison();
        }

        if (++_nesting > FilterNode.MaxNesting)
        {
            throw Error($"it nests deeper than {FilterNode.MaxNesting} levels of ! and (");
        }

        try
        {
            if (not)
            {
                return new NotNode(Unary());
            }

            FilterNode inner = Or();
            return Take(")") ? inner : throw Error("expected )");
        }
        finally
        {
            _nesting--;
        }
    }

    private FilterNode Comparison()
    {
        (int index, BoundColumn column) = Column();
        string member = column.FileColumnName;
        FilterDomain domain = DomainOf(column.Descriptor.Type);
        if (Take(".StartsWith("))
        {
            string prefix = Literal() as string ?? throw Error("StartsWith takes a string");
            return Take(")") ? Typed(new StartsWithLeaf(index, member, prefix, Ordinal: true), domain) : throw Error("expected )");
        }

        if (TakeWord("in"))
        {
            if (!Take("("))
            {
                throw Error("expected ( after in");
            }

            var values = new List<FilterValue>();
            bool hasNull = false;
            do
            {
                object? literal = Literal();
                if (literal is null)
                {
                    hasNull = true;
                }
                else
                {
                    values.Add(Value(literal, column, domain));
                }
            }
            while (Take(","));
            return Take(")") ? Typed(new InSetLeaf(index, member, values.Distinct().ToArray(), hasNull), domain) : throw Error("expected )");
        }

        CompareOp op = Take("==") ? CompareOp.Equal : Take("!=") ? CompareOp.NotEqual : Take("<=") ? CompareOp.LessOrEqual
            : Take(">=") ? CompareOp.GreaterOrEqual : Take("<") ? CompareOp.Less : Take(">") ? CompareOp.Greater
            : throw Error("expected a comparison (==, !=, <, <=, >, >=), .StartsWith(...) or in (...)");
        object? value = Literal();
        if (value is null)
        {
            return op switch
            {
                CompareOp.Equal => new IsNullLeaf(index, member),
                CompareOp.NotEqual => new NotNode(new IsNullLeaf(index, member)),
                _ => new ConstantNode(false),
            };
        }

        return Typed(new CompareLeaf(index, member, op, Value(value, column, domain)) { Shown = ExplainedValue.Show(value) }, domain);
    }

    private static FilterLeaf Typed(FilterLeaf leaf, FilterDomain domain) => leaf with { Domain = domain };

    private (int Index, BoundColumn Column) Column()
    {
        SkipSpace();
        int start = _at;
        string name;
        if (_at < _text.Length && _text[_at] == '`')
        {
            int end = _text.IndexOf('`', _at + 1);
            if (end < 0)
            {
                throw Error("a column name opened with ` is not closed");
            }

            name = _text[(_at + 1)..end];
            _at = end + 1;
        }
        else
        {
            while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] is '_' or '/'))
            {
                _at++;
            }

            name = _text[start.._at];
        }

        if (name.Length == 0)
        {
            throw Error("expected a column name");
        }

        int index = Array.FindIndex(_columns, c => c.FileColumnName == name);
        if (index < 0)
        {
            index = Array.FindIndex(_columns, c => string.Equals(c.FileColumnName, name, StringComparison.OrdinalIgnoreCase));
        }

        return index >= 0
            ? (index, _columns[index])
            : throw new FormatException($"The file has no column '{name}'; its columns are {string.Join(", ", _columns.Select(c => c.FileColumnName))}.");
    }

    private object? Literal()
    {
        SkipSpace();
        if (TakeWord("null")) return null;
        if (TakeWord("true")) return true;
        if (TakeWord("false")) return false;
        if (_at < _text.Length && _text[_at] == '"')
        {
            var text = new StringBuilder();
            for (_at++; _at < _text.Length && _text[_at] != '"'; _at++)
            {
                if (_text[_at] == '\\' && _at + 1 < _text.Length)
                {
                    _at++;
                }

                text.Append(_text[_at]);
            }

            return _at++ < _text.Length ? text.ToString() : throw Error("a string is not closed");
        }

        int start = _at;
        while (_at < _text.Length && (char.IsDigit(_text[_at]) || _text[_at] is '-' or '+' or '.' or 'e' or 'E'))
        {
            _at++;
        }

        string number = _text[start.._at];
        return number.Length > 0 && decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value)
            ? value
            : throw Error("expected a number, a \"string\", true, false or null");
    }

    private FilterValue Value(object literal, BoundColumn column, FilterDomain domain)
    {
        ColumnType type = column.Descriptor.Type;
        object? typed = (literal, type) switch
        {
            (string s, ColumnType.DateTime) => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            (string s, ColumnType.DateOnly) => DateOnly.Parse(s, CultureInfo.InvariantCulture),
            (string s, ColumnType.TimeSpan or ColumnType.TimeOnly) => TimeSpan.Parse(s, CultureInfo.InvariantCulture),
            (string s, ColumnType.Guid) => Guid.Parse(s),
            (string s, ColumnType.String) => s,
            (bool b, ColumnType.Boolean) => b,
            (decimal m, _) when domain == FilterDomain.Integer && m == decimal.Truncate(m) && type != ColumnType.Boolean => (long)m,
            (decimal m, _) when domain == FilterDomain.Floating => (double)m,
            (decimal m, ColumnType.Decimal) => m,
            _ => null,
        };
        return FilterValue.From(typed, domain) ?? throw new FormatException($"'{literal}' cannot be compared with column '{column.FileColumnName}' ({type}).");
    }

    private static FilterDomain DomainOf(ColumnType type) => type switch
    {
        ColumnType.Single or ColumnType.Double or ColumnType.Half => FilterDomain.Floating,
        ColumnType.Decimal => FilterDomain.Decimal,
        ColumnType.String => FilterDomain.Text,
        ColumnType.Guid => FilterDomain.Guid,
        ColumnType.Binary => throw new FormatException("binary columns cannot be filtered"),
        _ => FilterDomain.Integer,
    };

    private void SkipSpace()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
        {
            _at++;
        }
    }

    private bool Take(string token)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _at, token, 0, token.Length) != 0)
        {
            return false;
        }

        _at += token.Length;
        return true;
    }

    private bool TakeWord(string word)
    {
        SkipSpace();
        int end = _at + word.Length;
        if (end > _text.Length || string.CompareOrdinal(_text, _at, word, 0, word.Length) != 0 || (end < _text.Length && char.IsLetterOrDigit(_text[end])))
        {
            return false;
        }

        _at = end;
        return true;
    }

    /// <summary>The error at the current position, quoting the text around it when the whole is too long to quote.</summary>
    private FormatException Error(string expected)
    {
        const int Around = 40;
        string quoted = _text.Length <= 2 * Around ? _text
            : $"{(_at > Around ? "…" : string.Empty)}{_text[Math.Max(0, _at - Around)..Math.Min(_text.Length, _at + Around)]}{(_at + Around < _text.Length ? "…" : string.Empty)}";
        return new FormatException($"The filter '{quoted}' cannot be read at position {_at + 1}: {expected}.");
    }
}
