
namespace Alimentar.Parquet.Filtering;

/// <summary>Evaluates a filter over one batch's decoded filter columns: the rows that pass, in order.</summary>
internal static class RowSelection
{
    /// <summary>Writes the passing rows' indices to <paramref name="selected"/> and returns how many there are.</summary>
    /// <param name="node">The filter.</param>
    /// <param name="columns">The batch's decoded filter columns.</param>
    /// <param name="firstRow">The batch's first row's position in the file, for tests of positions (deletion vectors).</param>
    /// <param name="rows">The batch's rows.</param>
    /// <param name="selected">Where the passing rows' indices go.</param>
    public static int Select(FilterNode node, IReadOnlyDictionary<int, DecodedColumn> columns, long firstRow, int rows, int[] selected)
    {
        bool[] passes = ColumnArrays<bool>.Pool.Rent(rows);
        try
        {
            Evaluate(node, columns, firstRow, passes.AsSpan(0, rows));
            int count = 0;
            for (int row = 0; row < rows; row++)
            {
                if (passes[row])
                {
                    selected[count++] = row;
                }
            }

            return count;
        }
        finally
        {
            ColumnArrays<bool>.Pool.Return(passes);
        }
    }

    private static void Evaluate(FilterNode node, IReadOnlyDictionary<int, DecodedColumn> columns, long firstRow, Span<bool> passes)
    {
        switch (node)
        {
            case ConstantNode constant:
                passes.Fill(constant.Value);
                return;
            case NotNode not:
                Evaluate(not.Operand, columns, firstRow, passes);
                for (int i = 0; i < passes.Length; i++)
                {
                    passes[i] = !passes[i];
                }

                return;
            case AndNode or OrNode:
                (FilterNode left, FilterNode right, bool isAnd) = node is AndNode a ? (a.Left, a.Right, true) : (((OrNode)node).Left, ((OrNode)node).Right, false);
                Evaluate(left, columns, firstRow, passes);
                bool[] other = ColumnArrays<bool>.Pool.Rent(passes.Length);
                try
                {
                    Span<bool> second = other.AsSpan(0, passes.Length);
                    Evaluate(right, columns, firstRow, second);
                    for (int i = 0; i < passes.Length; i++)
                    {
                        passes[i] = isAnd ? passes[i] & second[i] : passes[i] | second[i];
                    }
                }
                finally
                {
                    ColumnArrays<bool>.Pool.Return(other);
                }

                return;
            case DeletedRowsNode deleted:
                passes.Fill(true);
                deleted.Rows.Clear(firstRow, passes);
                return;
            case FilterLeaf leaf:
                columns[leaf.Column].Evaluate(leaf, passes);
                return;
        }
    }
}
