namespace Alimentar.Fuzzing;

/// <summary>
/// The process's peak resident memory, which counts what the GC's allocation counter does not: memory outside the
/// managed heap, such as Apache Arrow's native buffers. Linux keeps the peak (<c>VmHWM</c>) and resets it on request;
/// elsewhere both calls return 0 and only managed allocations are bounded.
/// </summary>
internal static class PeakResident
{
    /// <summary>Resets the peak to the memory resident now, and returns that.</summary>
    public static long Reset()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        File.WriteAllText("/proc/self/clear_refs", "5");
        return Status("VmRSS:");
    }

    /// <summary>The peak since the last <see cref="Reset"/>.</summary>
    public static long Read() => OperatingSystem.IsLinux() ? Status("VmHWM:") : 0;

    private static long Status(string field)
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
