namespace Alimentar.Binding;

/// <summary>
/// Finds the file column a member binds to: an explicit <see cref="ParquetColumnAttribute"/> name binds
/// exactly; otherwise exact, then case-insensitive, then snake_case to PascalCase (underscores ignored).
/// </summary>
internal static class ColumnNameMatcher
{
    /// <summary>Returns the index of the matching candidate, -1 when none matches, or throws when the match is ambiguous.</summary>
    public static int Find(ColumnDescriptor column, IReadOnlyList<string> candidates, Func<string, Exception> ambiguous)
    {
        // A nested column is named by its path, with '.' or the file's own '/' between the parts.
        string path = column.Name.Replace('.', '/');
        int exact = IndexOf(candidates, c => string.Equals(c, column.Name, StringComparison.Ordinal) || string.Equals(c, path, StringComparison.Ordinal));
        if (exact >= 0 || column.HasExplicitName)
        {
            return exact;
        }

        int ignoreCase = Single(candidates, c => string.Equals(c, column.Name, StringComparison.OrdinalIgnoreCase), ambiguous);
        if (ignoreCase >= 0)
        {
            return ignoreCase;
        }

        string folded = Fold(column.Name);
        return Single(candidates, c => string.Equals(Fold(c), folded, StringComparison.OrdinalIgnoreCase), ambiguous);
    }

    /// <summary>Drops the separators that distinguish snake_case, kebab-case and PascalCase spellings of one name.</summary>
    public static string Fold(string name) => name.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);

    private static int IndexOf(IReadOnlyList<string> candidates, Func<string, bool> match)
    {
        for (int i = 0; i < candidates.Count; i++)
        {
            if (match(candidates[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static int Single(IReadOnlyList<string> candidates, Func<string, bool> match, Func<string, Exception> ambiguous)
    {
        int found = -1;
        for (int i = 0; i < candidates.Count; i++)
        {
            if (!match(candidates[i]))
            {
                continue;
            }

            if (found >= 0)
            {
                throw ambiguous($"'{candidates[found]}' and '{candidates[i]}'");
            }

            found = i;
        }

        return found;
    }
}
