using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;

namespace Alimentar.Packaging.Tests;

/// <summary>What a user gets from NuGet and from a NativeAOT publish, checked by building them for real.</summary>
public sealed class PackagingTests(PackedFeed packages) : IClassFixture<PackedFeed>
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(6);

    [Fact]
    public void A_fresh_project_consumes_the_packages_from_a_folder_feed_and_runs()
    {
        string work = Directory.CreateTempSubdirectory("alimentar-consumer-").FullName;
        try
        {
            string consumer = Path.Combine(work, "Consumer");
            Directory.CreateDirectory(consumer);
            packages.WriteConsumer(
                consumer,
                "Consumer",
                """
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <WarningsNotAsErrors>NU1603</WarningsNotAsErrors>
                """,
                "Alimentar", "Alimentar.Storage.S3", "Alimentar.Storage.Azure", "Alimentar.ML", "Alimentar.TorchSharp");
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

                // Which image of the runtime the host chose on this machine, and whether it is precompiled.
                System.Reflection.Assembly runtime = typeof(StreamingDataset<>).Assembly;
                using var image = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(runtime.Location));
                Console.WriteLine($"runtime image {Path.GetRelativePath(AppContext.BaseDirectory, runtime.Location).Replace('\\', '/')} precompiled={image.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0}");

                [StreamingDataset]
                public partial record Point(long X, float Y, string? Tag);
                """);

            (int ran, string output) = DotNet.Run("dotnet", "run -c Release", consumer, BuildTimeout);

            Assert.True(ran == 0, output);
            Assert.Contains("consumer rows=1000 sum=249750 stored=1000 s3://datasets az://datasets dataview=3/1000 Alimentar.TorchSharp+TorchSharp", output, StringComparison.Ordinal);
            string expectedImage = PackedFeed.PrecompiledRuntimes.Contains(RuntimeInformation.RuntimeIdentifier)
                ? $"runtime image runtimes/{RuntimeInformation.RuntimeIdentifier}/lib/net10.0/Alimentar.Runtime.dll precompiled=True"
                : "runtime image Alimentar.Runtime.dll precompiled=False";
            Assert.Contains(expectedImage, output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// The NativeAOT sample's own sources, built against the packages (whose runtime images are precompiled): the
    /// compiler takes them as it takes IL, and the program runs the same.
    /// </summary>
    [Fact]
    public void The_nativeaot_sample_publishes_from_the_packages_without_alimentar_warnings_and_runs()
    {
        string root = DotNet.RepositoryRoot;
        string work = Directory.CreateTempSubdirectory("alimentar-aot-").FullName;
        string output = Path.Combine(work, "out");
        try
        {
            string project = Path.Combine(work, "Alimentar.NativeAot");
            Directory.CreateDirectory(project);
            foreach (string source in Directory.GetFiles(Path.Combine(root, "samples", "Alimentar.NativeAot"), "*.cs"))
            {
                File.Copy(source, Path.Combine(project, Path.GetFileName(source)));
            }

            packages.WriteConsumer(
                project,
                "Alimentar.NativeAot",
                """
                    <PublishAot>true</PublishAot>
                    <InvariantGlobalization>true</InvariantGlobalization>
                    <TrimmerSingleWarn>false</TrimmerSingleWarn>
                """,
                "Alimentar");

            (int published, string log) = DotNet.Run("dotnet", $"publish -c Release -r linux-x64 -o \"{output}\"", project, BuildTimeout);
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
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// The programs that time a first pass (the benchmarks, and the NativeAOT sample under <c>dotnet run</c>) run the
    /// runtime precompiled for this machine from the IL its projects built, as a package user on a common runtime
    /// does: not the IL alone that a project reference gives (src/ReadyToRunReference.targets). On any other runtime
    /// they run the IL, as a package user there does.
    /// </summary>
    [Fact]
    public void A_program_that_times_first_passes_runs_the_runtime_precompiled_for_this_machine()
    {
        string root = DotNet.RepositoryRoot;
        (int built, string log) = DotNet.Run("dotnet", "build samples/Alimentar.NativeAot -c Release", root, BuildTimeout);
        Assert.True(built == 0, log);

        bool packagedPrecompiled = PackedFeed.PrecompiledRuntimes.Contains(RuntimeInformation.RuntimeIdentifier);
        foreach (string project in new[] { "Alimentar.Runtime", "Alimentar.Abstractions" })
        {
            Image il = Image.Read(Path.Combine(root, "src", project, "bin", "Release", "net10.0", project + ".dll"));
            Image run = Image.Read(Path.Combine(root, "samples", "Alimentar.NativeAot", "bin", "Release", "net10.0", project + ".dll"));
            Assert.False(il.Precompiled, project);
            Assert.Equal(packagedPrecompiled, run.Precompiled);
            Assert.Equal(packagedPrecompiled ? RuntimeInformation.RuntimeIdentifier : "any", run.Runtime);
            Assert.Equal(il.ModuleVersionId, run.ModuleVersionId);
        }
    }

    /// <summary>
    /// The precompiled runtime holds the code a read needs that spans assemblies: Alimentar's generic decoders over the
    /// framework's value types, and the framework's async builders over Alimentar's state machines (here those that
    /// read pages; a generic one over the row's member types is named only by the generated code). Without
    /// cross-module compiling (src/ReadyToRunRuntimes.props) the ReadyToRun compiler leaves both out, and every process
    /// compiled them at run time. Tiered compilation is off in the child, so each method the JIT lists had no
    /// precompiled code. On a runtime the packages carry no image for, both are compiled at run time, as the IL is.
    /// </summary>
    [Fact]
    public void A_first_pass_with_the_precompiled_runtime_compiles_none_of_its_decoders_or_async_builders()
    {
        string root = DotNet.RepositoryRoot;
        (int built, string log) = DotNet.Run("dotnet", "build samples/Alimentar.NativeAot -c Release", root, BuildTimeout);
        Assert.True(built == 0, log);
        string sample = Path.Combine(root, "samples", "Alimentar.NativeAot", "bin", "Release", "net10.0", "Alimentar.NativeAot.dll");
        string work = Directory.CreateTempSubdirectory("alimentar-jit-").FullName;
        try
        {
            // The sample writes its file (20,000 readings: a long, a string, a nullable double, a timestamp and a list of
            // ints); then one more process reads it once with the JIT listing what it compiles.
            string file = Path.Combine(work, "readings.parquet");
            (int written, string writing) = DotNet.Run("dotnet", $"\"{sample}\" first-pass-write 20000 \"{file}\"", work, BuildTimeout);
            Assert.True(written == 0 && File.Exists(file), writing);
            string listing = Path.Combine(work, "jit.txt");
            var environment = new Dictionary<string, string>
            {
                ["DOTNET_TieredCompilation"] = "0",
                ["DOTNET_JitStdOutFile"] = listing,
                ["DOTNET_JitDisasmSummary"] = "1",
            };
            (int read, string output) = DotNet.Run("dotnet", $"\"{sample}\" first-pass-child columns \"{file}\"", work, BuildTimeout, environment);
            Assert.True(read == 0, output);

            string[] compiled = File.ReadAllLines(listing);
            string[] decoders = compiled.Where(line => line.Contains("Alimentar.Parquet.Reading.TypedValueDecoder:Decode[", StringComparison.Ordinal)).ToArray();
            string[] builders = compiled.Where(line => line.Contains("AsyncMethodBuilderCore:Start[Alimentar.Parquet.Reading.ColumnChunkReader+", StringComparison.Ordinal)).ToArray();
            if (PackedFeed.PrecompiledRuntimes.Contains(RuntimeInformation.RuntimeIdentifier))
            {
                Assert.True(decoders.Length == 0, string.Join('\n', decoders));
                Assert.True(builders.Length == 0, string.Join('\n', builders));
            }
            else
            {
                Assert.NotEmpty(decoders);
                Assert.NotEmpty(builders);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// The runtime's packages carry IL for every platform and a precompiled image for each of the common runtimes,
    /// built from that same IL: one module version id, so the symbol package serves every image.
    /// </summary>
    [Theory]
    [InlineData("Alimentar", "Alimentar.Runtime.dll")]
    [InlineData("Alimentar.Abstractions", "Alimentar.Abstractions.dll")]
    public void The_runtime_packages_carry_IL_and_a_precompiled_image_per_common_runtime(string package, string assembly)
    {
        using ZipArchive nupkg = ZipFile.OpenRead(Path.Combine(packages.Feed, $"{package}.{packages.Version}.nupkg"));
        Image il = Image.Read(nupkg, $"lib/net10.0/{assembly}");
        Assert.False(il.Precompiled);

        foreach (string runtime in PackedFeed.PrecompiledRuntimes)
        {
            Image precompiled = Image.Read(nupkg, $"runtimes/{runtime}/lib/net10.0/{assembly}");
            Assert.True(precompiled.Precompiled, runtime);
            Assert.Equal(runtime, precompiled.Runtime);
            Assert.Equal(il.ModuleVersionId, precompiled.ModuleVersionId);
        }

        Assert.Equal(PackedFeed.PrecompiledRuntimes.Length, nupkg.Entries.Count(e => e.FullName.StartsWith("runtimes/", StringComparison.Ordinal)));
        using ZipArchive snupkg = ZipFile.OpenRead(Path.Combine(packages.Feed, $"{package}.{packages.Version}.snupkg"));
        Assert.Contains(snupkg.Entries, e => e.FullName == $"lib/net10.0/{Path.ChangeExtension(assembly, ".pdb")}");
    }

    /// <summary>What the PE headers say about one assembly in a package.</summary>
    private sealed record Image(bool Precompiled, string Runtime, Guid ModuleVersionId)
    {
        public static Image Read(ZipArchive package, string path)
        {
            ZipArchiveEntry entry = package.GetEntry(path) ?? throw new Xunit.Sdk.XunitException($"The package has no {path}.");
            using var bytes = new MemoryStream();
            using (Stream stream = entry.Open())
            {
                stream.CopyTo(bytes);
            }

            bytes.Position = 0;
            return Read(bytes);
        }

        public static Image Read(string path)
        {
            using FileStream file = File.OpenRead(path);
            return Read(file);
        }

        private static Image Read(Stream bytes)
        {
            using var pe = new PEReader(bytes);
            MetadataReader metadata = pe.GetMetadataReader();
            Guid mvid = metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
            bool precompiled = pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
            return new Image(precompiled, precompiled ? RuntimeOf((ushort)pe.PEHeaders.CoffHeader.Machine) : "any", mvid);
        }

        // A ReadyToRun image names its operating system by XOR-ing a constant into the machine field.
        private static string RuntimeOf(ushort machine)
        {
            foreach ((string os, ushort key) in new[] { ("win", (ushort)0), ("linux", (ushort)0x7B79), ("osx", (ushort)0x4644) })
            {
                switch ((ushort)(machine ^ key))
                {
                    case 0x8664:
                        return os + "-x64";
                    case 0xAA64:
                        return os + "-arm64";
                }
            }

            return $"unknown machine 0x{machine:X4}";
        }
    }
}
