using System.Globalization;

namespace Alimentar.Testing;

/// <summary>
/// Runs the code until disposed under another culture (German by default: a decimal comma, a dot between thousands),
/// as on a machine set up that way, so a test shows that what it checks does not depend on the machine's culture.
/// The culture flows with the test's async calls and is put back afterwards.
/// </summary>
internal sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public CultureScope(string name = "de-DE")
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
