using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Azure.Storage.Blobs;

namespace Alimentar.Cli.Tests;

/// <summary>inspect, head and bench read https:// and s3:// URIs through object stores, with range requests only.</summary>
public sealed class UriTests
{
    [Fact]
    public async Task Inspect_head_and_bench_read_an_https_style_URI_with_range_requests()
    {
        string directory = Directory.CreateTempSubdirectory("alimentar-cli-http-").FullName;
        try
        {
            File.Copy(Corpus.File("alltypes_plain.parquet"), Path.Combine(directory, "all types.parquet"));
            await using RangeServer server = await RangeServer.StartAsync(directory);
            string uri = new Uri(server.BaseUri, "all%20types.parquet").AbsoluteUri;

            (int inspected, string inspect) = await CommandTests.RunAsync("inspect", uri);
            (int headed, string head) = await CommandTests.RunAsync("head", uri, "-n", "3");
            (int benched, string bench) = await CommandTests.RunAsync("bench", uri);

            Assert.Equal((0, 0, 0), (inspected, headed, benched));
            Assert.Contains(uri, inspect, StringComparison.Ordinal);
            Assert.Contains("8 rows in 1 row groups", inspect, StringComparison.Ordinal);
            Assert.Contains("bool_col", head, StringComparison.Ordinal);
            Assert.Contains("8 rows of 11 columns", bench, StringComparison.Ordinal);
            Assert.All(server.Requests.Where(r => r.Method == "GET"), r => Assert.Matches(@"^bytes=\d+-\d+$", r.Range));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_object_behind_a_URI_is_a_clear_error_and_exit_code()
    {
        string directory = Directory.CreateTempSubdirectory("alimentar-cli-http-").FullName;
        try
        {
            await using RangeServer server = await RangeServer.StartAsync(directory);
            (int exit, string output) = await CommandTests.RunAsync("inspect", new Uri(server.BaseUri, "nothing.parquet").AbsoluteUri);

            Assert.Equal(ExitCodes.BadPath, exit);
            Assert.Contains("nothing.parquet", output, StringComparison.Ordinal);
            Assert.Contains("404", output, StringComparison.Ordinal);

            // A folder over plain HTTP cannot be listed; the message says what can.
            (exit, output) = await CommandTests.RunAsync("head", server.BaseUri.AbsoluteUri);
            Assert.Equal(ExitCodes.BadPath, exit);
            Assert.Contains("plain HTTP cannot list", output.ReplaceLineEndings(" "), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Inspect_and_head_read_an_hf_URI_a_dataset_prefix_and_a_revision_from_the_Hub_HF_ENDPOINT_names()
    {
        await using FakeHub hub = await FakeHub.StartAsync("alimentar/corpus");
        byte[] plain = await File.ReadAllBytesAsync(Corpus.File("alltypes_plain.parquet"));
        hub.Commit(new Dictionary<string, byte[]?> { ["data/a.parquet"] = plain, ["data/b.parquet"] = plain, ["README.md"] = "# corpus"u8.ToArray() });
        hub.Commit(new Dictionary<string, byte[]?> { ["default/train/0000.parquet"] = plain }, branch: "refs/convert/parquet");
        Environment.SetEnvironmentVariable("HF_ENDPOINT", hub.Endpoint.AbsoluteUri);
        try
        {
            (int inspected, string inspect) = await CommandTests.RunAsync("inspect", "hf://datasets/alimentar/corpus/data/");
            (int headed, string head) = await CommandTests.RunAsync("head", "hf://datasets/alimentar/corpus@refs%2Fconvert%2Fparquet/default/train/0000.parquet", "-n", "3");
            (int refused, string refusal) = await CommandTests.RunAsync("inspect", "hf://models/alimentar/corpus/model.parquet");

            Assert.True(inspected == 0, inspect);
            Assert.Contains("hf://datasets/alimentar/corpus/data/", inspect, StringComparison.Ordinal);
            Assert.Contains("2 files", inspect, StringComparison.Ordinal);
            Assert.Contains("a.parquet", inspect, StringComparison.Ordinal);
            Assert.Contains("b.parquet", inspect, StringComparison.Ordinal);
            Assert.DoesNotContain("README", inspect, StringComparison.Ordinal);
            Assert.True(headed == 0, head);
            Assert.Contains("bool_col", head, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.BadPath, refused);
            Assert.Contains("hf://datasets/owner/name", refusal.ReplaceLineEndings(" "), StringComparison.Ordinal);

            Environment.SetEnvironmentVariable("HF_ENDPOINT", "not a uri");
            (refused, refusal) = await CommandTests.RunAsync("inspect", "hf://datasets/alimentar/corpus/data/a.parquet");
            Assert.Equal(ExitCodes.BadPath, refused);
            Assert.Contains("HF_ENDPOINT", refusal, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("HF_ENDPOINT", null);
        }
    }

    [EmulatorFact(EmulatorTools.Moto, "pip install 'moto[server]'")]
    public async Task Inspect_and_head_read_an_s3_URI_a_prefix_and_a_Delta_table_with_the_AWS_environment()
    {
        await using Emulator moto = await Emulator.StartAsync(EmulatorTools.Path(EmulatorTools.Moto)!, (port, _) => $"-H 127.0.0.1 -p {port}");
        string endpoint = $"http://127.0.0.1:{moto.Port}";
        using (var client = new AmazonS3Client(new BasicAWSCredentials("test", "test"), new AmazonS3Config { ServiceURL = endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1" }))
        {
            await client.PutBucketAsync("cli-bucket");
            await client.PutObjectAsync(new PutObjectRequest { BucketName = "cli-bucket", Key = "data/sorted.parquet", FilePath = Corpus.File("sort_columns.parquet") });
        }

        // The CLI takes credentials and the endpoint from the environment, as the AWS SDK does everywhere.
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", endpoint);
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "test");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "test");
        Environment.SetEnvironmentVariable("AWS_REGION", "us-east-1");
        (int exit, string output) = await CommandTests.RunAsync("inspect", "s3://cli-bucket/data/sorted.parquet");

        Assert.True(exit == 0, output);
        Assert.Contains("6 rows in 2 row groups", output, StringComparison.Ordinal);

        // A prefix ending with '/' is a dataset, listed as ParquetSource.FromStore lists it.
        using (var client = new AmazonS3Client(new BasicAWSCredentials("test", "test"), new AmazonS3Config { ServiceURL = endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1" }))
        {
            await client.PutObjectAsync(new PutObjectRequest { BucketName = "cli-bucket", Key = "data/year=2024/more.parquet", FilePath = Corpus.File("sort_columns.parquet") });
            await client.PutObjectAsync(new PutObjectRequest { BucketName = "cli-bucket", Key = "data/_temporary/partial.parquet", FilePath = Corpus.File("sort_columns.parquet") });
        }

        (exit, output) = await CommandTests.RunAsync("inspect", "s3://cli-bucket/data/");
        Assert.True(exit == 0, output);
        Assert.Contains("2 files", output, StringComparison.Ordinal);
        Assert.Contains("12 rows", output, StringComparison.Ordinal);
        Assert.Contains("year=2024/more.parquet", output, StringComparison.Ordinal);
        Assert.DoesNotContain("partial", output, StringComparison.Ordinal);

        (exit, output) = await CommandTests.RunAsync("head", "s3://cli-bucket/data/", "-n", "12");
        Assert.True(exit == 0, output);
        Assert.Contains("year", output, StringComparison.Ordinal);
        Assert.Contains("2024", output, StringComparison.Ordinal);

        // A prefix that is a Delta table is read as its log says: its deletion vector (a file beside the data) honoured.
        string table = Path.Combine(Path.GetDirectoryName(TestCorpus.Root)!, "delta", "table-with-dv-small");
        using (var client = new AmazonS3Client(new BasicAWSCredentials("test", "test"), new AmazonS3Config { ServiceURL = endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1" }))
        {
            foreach (string file in Directory.EnumerateFiles(table, "*", SearchOption.AllDirectories))
            {
                string key = "lake/dv/" + Path.GetRelativePath(table, file).Replace('\\', '/');
                await client.PutObjectAsync(new PutObjectRequest { BucketName = "cli-bucket", Key = key, FilePath = file });
            }
        }

        (exit, output) = await CommandTests.RunAsync("head", "s3://cli-bucket/lake/dv/", "-n", "20");
        Assert.True(exit == 0, output);
        string[] values = [.. System.Text.RegularExpressions.Regex.Matches(output, @"^│ (\d+)\s*│$", System.Text.RegularExpressions.RegexOptions.Multiline).Select(m => m.Groups[1].Value)];
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8"], values);
    }

    [EmulatorFact(EmulatorTools.Azurite, "npm install --prefix tools/azurite")]
    public async Task Inspect_reads_an_az_URI_with_a_connection_string_and_says_what_it_needs_without_one()
    {
        await using Emulator azurite = await Emulator.StartAsync(EmulatorTools.Path(EmulatorTools.Azurite)!, (port, work) =>
            $"--blobHost 127.0.0.1 --blobPort {port} --location \"{work}\" --silent --disableTelemetry --skipApiVersionCheck");
        string connection = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            + $"BlobEndpoint=http://127.0.0.1:{azurite.Port}/devstoreaccount1;";
        var container = new BlobContainerClient(connection, "cli-container");
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("data/sorted.parquet").UploadAsync(Corpus.File("sort_columns.parquet"), overwrite: true);

        Environment.SetEnvironmentVariable("AZURE_STORAGE_CONNECTION_STRING", null);
        Environment.SetEnvironmentVariable("AZURE_STORAGE_ACCOUNT", null);
        (int refused, string why) = await CommandTests.RunAsync("inspect", "az://cli-container/data/sorted.parquet");
        Assert.Equal(ExitCodes.BadPath, refused);
        Assert.Contains("AZURE_STORAGE_CONNECTION_STRING", why, StringComparison.Ordinal);

        Environment.SetEnvironmentVariable("AZURE_STORAGE_CONNECTION_STRING", connection);
        try
        {
            (int exit, string output) = await CommandTests.RunAsync("inspect", "az://cli-container/data/sorted.parquet");
            Assert.True(exit == 0, output);
            Assert.Contains("6 rows in 2 row groups", output, StringComparison.Ordinal);

            // A prefix ending with '/' is a dataset of the Parquet blobs under it.
            await container.GetBlobClient("data/more/sorted.parquet").UploadAsync(Corpus.File("sort_columns.parquet"), overwrite: true);
            (exit, output) = await CommandTests.RunAsync("inspect", "az://cli-container/data/");
            Assert.True(exit == 0, output);
            Assert.Contains("2 files", output, StringComparison.Ordinal);
            Assert.Contains("more/sorted.parquet", output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AZURE_STORAGE_CONNECTION_STRING", null);
        }
    }
}
