using System.Text;

namespace Alimentar.Generators.Tests;

/// <summary>A short, readable line diff for snapshot failures: the first differing lines with context.</summary>
internal static class LineDiff
{
    public static string Describe(string expected, string actual, int maxLines = 40)
    {
        string[] left = expected.Split('\n');
        string[] right = actual.Split('\n');
        int first = 0;
        while (first < left.Length && first < right.Length && left[first] == right[first])
        {
            first++;
        }

        var diff = new StringBuilder();
        int start = Math.Max(0, first - 2);
        for (int i = start; i < first; i++)
        {
            diff.Append("  ").AppendLine(left[i]);
        }

        int shown = 0;
        for (int i = first; i < Math.Max(left.Length, right.Length) && shown < maxLines; i++, shown++)
        {
            string? l = i < left.Length ? left[i] : null;
            string? r = i < right.Length ? right[i] : null;
            if (l == r)
            {
                diff.Append("  ").AppendLine(l);
                continue;
            }

            if (l is not null)
            {
                diff.Append("- ").AppendLine(l);
            }

            if (r is not null)
            {
                diff.Append("+ ").AppendLine(r);
            }
        }

        return $"first difference at line {first + 1}:\n{diff}";
    }
}
