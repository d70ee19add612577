namespace Alimentar.Packaging.Tests;

/// <summary>What a user gets from NuGet and from a NativeAOT publish, checked by building them for real.</summary>
public sealed class PackagingTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(6);

    [Fact]
    public void A_fresh_project_consumes_the_packages_from_a_folder_feed_and_runs()
    {
        string root = DotNet.RepositoryRoot;
        string work = Directory.CreateTempSubdirectory("alimentar-consumer-").FullName;
        string feed = Path.Combine(work, "feed");
        string version = $"0.1.0-check{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        try
        {
            foreach (string project in new[] { "src/Alimentar.Abstractions", "src/Alimentar.Runtime", "src/Alimentar.Storage.S3", "src/Alimentar.Storage.Azure", "src/Alimentar.ML", "src/Alimentar.TorchSharp" })
            {
                (int packed, string packOutput) = DotNet.Run("dotnet", $"pack {project} -c Release -o \"{feed}\" -p:Version={version}", root, BuildTimeout);
                Assert.True(packed == 0, packOutput);
            }

            string consumer = Path.Combine(work, "Consumer");
            Directory.CreateDirectory(consumer);
            File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="alimentar-local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <WarningsNotAsErrors>NU1603</WarningsNotAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Alimentar" Version="{version}" />
                    <PackageReference Include="Alimentar.Storage.S3" Version="{version}" />
                    <PackageReference Include="Alimentar.Storage.Azure" Version="{version}" />
                    <PackageReference Include="Alimentar.ML" Version="{version}" />
                    <PackageReference Include="Alimentar.TorchSharp" Version="{version}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
                using Alimentar;

                string path = Path.Combine(Path.GetTempPath(), $"consumer-{Guid.NewGuid():N}.parquet");
                await ParquetDatasetWriter<Point>.WriteFileAsync(path, Enumerable.Range(0, 1000).Select(i => new Point(i, i * 0.5f, i % 2 == 0 ? null : "odd")), rowGroupSize: 300);
                using var streaming = new StreamingDataset<Point>(new ParquetSource<Point>(path).BatchSize(128), bufferSize: 4);
                float sum = 0;
                long rows = 0;
                foreach (Batch<Point> batch in streaming)
                {
                    using (batch)
                    {
                        rows += batch.Count;
                        foreach (float y in batch.Y) sum += y;
                    }
                }

                // The same file through the object-store API, and the cloud stores' packages resolve and load.
                var store = new LocalObjectStore(Path.GetDirectoryName(path)!);
                long stored = 0;
                await foreach (Batch<Point> batch in new ParquetSource<Point>(store, Path.GetFileName(path)).ReadBatchesAsync())
                {
                    using (batch) stored += batch.Count;
                }

                var s3 = new S3ObjectStore(new Amazon.S3.AmazonS3Client(new Amazon.Runtime.AnonymousAWSCredentials(), new Amazon.S3.AmazonS3Config { ServiceURL = "http://127.0.0.1:9" }), bucket: "datasets");
                var blobs = new AzureBlobObjectStore(new Azure.Storage.Blobs.BlobContainerClient(new Uri("http://127.0.0.1:9/account/datasets")));
                Microsoft.ML.IDataView view = streaming.AsDataView();
                long? viewRows = view.GetRowCount();

                // TorchSharp's package resolves and loads (libtorch itself is the application's choice, and not here).
                string torch = typeof(BatchTensors).Assembly.GetName().Name + "+" + typeof(TorchSharp.torch.Tensor).Assembly.GetName().Name;
                File.Delete(path);
                Console.WriteLine($"consumer rows={rows} sum={sum} stored={stored} {s3.Name} {blobs.Name} dataview={view.Schema.Count}/{viewRows} {torch}");

                [StreamingDataset]
                public partial record Point(long X, float Y, string? Tag);
                """);

            (int ran, string output) = DotNet.Run("dotnet", "run -c Release", consumer, BuildTimeout);

            Assert.True(ran == 0, output);
            Assert.Contains("consumer rows=1000 sum=249750 stored=1000 s3://datasets az://datasets dataview=3/1000 Alimentar.TorchSharp+TorchSharp", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void The_nativeaot_sample_publishes_without_alimentar_warnings_and_runs()
    {
        string root = DotNet.RepositoryRoot;
        string output = Directory.CreateTempSubdirectory("alimentar-aot-").FullName;
        try
        {
            (int published, string log) = DotNet.Run("dotnet", $"publish samples/Alimentar.NativeAot -c Release -r linux-x64 -o \"{output}\"", root, BuildTimeout);
            Assert.True(published == 0, log);

            // The product carries no reflection-based dependency any more: not one trim or AOT warning.
            string[] warnings = log.Split('\n').Where(l => l.Contains("warning IL", StringComparison.Ordinal)).ToArray();
            Assert.True(warnings.Length == 0, string.Join("\n", warnings));

            (int ran, string printed) = DotNet.Run(Path.Combine(output, "Alimentar.NativeAot"), Path.Combine(output, "aot.parquet"), output, TimeSpan.FromMinutes(1));
            Assert.True(ran == 0, printed);
            Assert.Contains("NativeAOT: streamed 200,000 rows", printed, StringComparison.Ordinal);
            // Statistics keep two of four row groups; our writer's page index then skips the pages before the cut-off.
            System.Text.RegularExpressions.Match filter = System.Text.RegularExpressions.Regex.Match(printed, @"NativeAOT filter: 16,000 rows, reading ([\d,]+) of 200,000");
            Assert.True(filter.Success, printed);
            Assert.InRange(int.Parse(filter.Groups[1].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture), 80_000, 99_999);

            // Elastic resume (shuffle windows, JSON states, the shared-out ranges) runs under NativeAOT too.
            Assert.Contains("NativeAOT elastic resume: 2 ranks stopped at 67,777 rows, 3 ranks read the other 132,223, each row once: True", printed, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
