using System.Collections;
using System.Globalization;

namespace Alimentar.Cli;

/// <summary>How the commands show a value: dates and times in ISO 8601 and booleans in lower case as SQL engines show them, bytes in hex, lists in brackets.</summary>
internal static class ValueText
{
    /// <summary>The value as text, unescaped; <paramref name="nullText"/> for null.</summary>
    public static string Of(object? value, string nullText = "null") => value switch
    {
        null => nullText,
        string text => text,
        bool flag => flag ? "true" : "false",
        byte[] bytes => bytes.Length > 16 ? Convert.ToHexString(bytes, 0, 16) + "..." : Convert.ToHexString(bytes),
        DateTime time => time.ToString(time.Kind == DateTimeKind.Utc ? "yyyy-MM-dd HH:mm:ss.FFFFFFF'Z'" : "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset moment => moment.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(item => Of(item, nullText))) + "]",
        _ => value.ToString() ?? nullText,
    };
}
