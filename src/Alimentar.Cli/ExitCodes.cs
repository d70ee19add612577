namespace Alimentar.Cli;

/// <summary>What the alimentar command returns.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The file could not be read: corrupt, unsupported, or not the schema expected.</summary>
    public const int BadFile = 1;

    /// <summary>The path is missing or is not a file, or the arguments are wrong.</summary>
    public const int BadPath = 2;
}
