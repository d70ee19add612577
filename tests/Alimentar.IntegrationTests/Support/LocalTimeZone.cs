namespace Alimentar.IntegrationTests;

/// <summary>
/// Makes a zone file the process's local time zone until disposed: on Linux and macOS .NET takes the local zone from
/// <c>TZ</c>, read again once its cache is cleared. Tests using it run in <see cref="LocalTimeZoneCollection"/>, alone.
/// </summary>
internal sealed class LocalTimeZone : IDisposable
{
    private readonly string? _previous;

    private LocalTimeZone(string zoneFile)
    {
        _previous = Environment.GetEnvironmentVariable("TZ");
        Environment.SetEnvironmentVariable("TZ", zoneFile);
        TimeZoneInfo.ClearCachedData();
    }

    /// <summary>Makes the zone in <paramref name="zoneFile"/> (a TZif file) local.</summary>
    public static LocalTimeZone Use(string zoneFile) => new(zoneFile);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("TZ", _previous);
        TimeZoneInfo.ClearCachedData();
    }
}

/// <summary>A fact that sets the local time zone through <c>TZ</c>, which Windows does not read: skipped there.</summary>
internal sealed class LocalTimeZoneFactAttribute : FactAttribute
{
    public LocalTimeZoneFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Windows takes its local time zone from the system, not from TZ";
        }
    }
}
