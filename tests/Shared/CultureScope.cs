using System.Globalization;

namespace Alimentar.Testing;

/// <summary>
/// Runs the code until disposed under another culture (German by default: a decimal comma, a dot between thousands),
/// as on a machine set up that way, so a test shows that what it checks does not depend on the machine's culture.
/// The culture flows with the test's async calls and is put back afterwards.
/// </summary>
/// <remarks>
/// A machine in globalization-invariant mode (no ICU, as in many container images) has no culture but the invariant
/// one: there German's number formats are set on a copy of it, so a test still meets a decimal comma, and any other
/// culture is the invariant one, whose comparisons are ordinal.
/// </remarks>
internal sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public CultureScope(string name = "de-DE")
    {
        CultureInfo culture = Named(name);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }

    private static CultureInfo Named(string name)
    {
        try
        {
            return CultureInfo.GetCultureInfo(name);
        }
        catch (CultureNotFoundException)
        {
            var standIn = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            if (name.StartsWith("de", StringComparison.OrdinalIgnoreCase))
            {
                NumberFormatInfo numbers = standIn.NumberFormat;
                numbers.NumberDecimalSeparator = numbers.CurrencyDecimalSeparator = numbers.PercentDecimalSeparator = ",";
                numbers.NumberGroupSeparator = numbers.CurrencyGroupSeparator = numbers.PercentGroupSeparator = ".";
            }

            return standIn;
        }
    }
}
