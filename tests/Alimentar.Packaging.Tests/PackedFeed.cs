namespace Alimentar.Packaging.Tests;

/// <summary>
/// The product's packages, packed once per test run into a folder feed under a version of their own, so a consumer
/// restores them and never a cached older build.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    /// <summary>The runtimes whose precompiled images the runtime packages carry (src/ReadyToRunPackage.targets).</summary>
    public static readonly string[] PrecompiledRuntimes = ["linux-x64", "linux-arm64", "win-x64", "osx-arm64"];

    private static readonly string[] Projects =
    [
        "src/Alimentar.Abstractions", "src/Alimentar.Runtime", "src/Alimentar.Storage.S3", "src/Alimentar.Storage.Azure", "src/Alimentar.ML", "src/Alimentar.TorchSharp",
    ];

    private readonly string work = Directory.CreateTempSubdirectory("alimentar-feed-").FullName;

    public PackedFeed()
    {
        Feed = Path.Combine(work, "feed");
        Version = $"0.1.0-check{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        foreach (string project in Projects)
        {
            (int packed, string output) = DotNet.Run("dotnet", $"pack {project} -c Release -o \"{Feed}\" -p:Version={Version}", DotNet.RepositoryRoot, TimeSpan.FromMinutes(6));
            if (packed != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} failed:\n{output}");
            }
        }
    }

    /// <summary>The folder the packages are in.</summary>
    public string Feed { get; }

    /// <summary>The version every package was packed as.</summary>
    public string Version { get; }

    /// <summary>A nuget.config that adds <see cref="Feed"/> to the machine's sources.</summary>
    private string NuGetConfig => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="alimentar-local" value="{Feed}" />
          </packageSources>
        </configuration>
        """;

    /// <summary>
    /// Writes an executable project into <paramref name="folder"/> that restores <paramref name="packages"/> from this
    /// feed, with <paramref name="properties"/> (MSBuild property elements) added to its settings.
    /// </summary>
    public void WriteConsumer(string folder, string name, string properties, params string[] packages)
    {
        File.WriteAllText(Path.Combine(folder, "nuget.config"), NuGetConfig);
        string references = string.Join("\n", packages.Select(p => $"""    <PackageReference Include="{p}" Version="{Version}" />"""));
        File.WriteAllText(Path.Combine(folder, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
            {properties}
              </PropertyGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
            </Project>
            """);
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
