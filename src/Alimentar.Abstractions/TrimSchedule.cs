namespace Alimentar;

/// <summary>
/// When a pool may trim: not sooner than its idle time after the previous trim, so a collection soon after another
/// does not drop what a pass is about to take again; a trim of everything (high memory load) never waits.
/// </summary>
/// <param name="idleBeforeTrim">How long since the previous trim a trim waits for.</param>
internal sealed class TrimSchedule(TimeSpan idleBeforeTrim)
{
    private long _lastTrim = Environment.TickCount64;

    /// <summary>Whether a trim may run now; when it may, the next one waits again from now.</summary>
    /// <param name="all">Whether the trim drops everything.</param>
    public bool TryStart(bool all)
    {
        long now = Environment.TickCount64;
        if (!all && now - Interlocked.Read(ref _lastTrim) < (long)idleBeforeTrim.TotalMilliseconds)
        {
            return false;
        }

        Interlocked.Exchange(ref _lastTrim, now);
        return true;
    }
}
