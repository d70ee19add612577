using System.Globalization;

namespace Alimentar.Parquet.Filtering;

/// <summary>
/// How a filter's explanation shows a value, its constants and its bounds alike: dates and times in ISO 8601 and
/// booleans in lower case, as the filter text takes them and SQL engines show them, and strings quoted. The invariant
/// culture's own forms (<c>01/07/2024 22:39:00</c>, <c>True</c>) read as a month or a day depending on who reads them,
/// and are not what anyone types.
/// </summary>
internal static class ExplainedValue
{
    public static string Show(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        bool flag => flag ? "true" : "false",
        DateTime time => time.ToString(time.Kind == DateTimeKind.Utc ? "yyyy-MM-dd HH:mm:ss.FFFFFFF'Z'" : "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset moment => moment.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
