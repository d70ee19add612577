using Amazon.Runtime;
using Amazon.S3;
using Azure.Storage.Blobs;

namespace Alimentar.Cli;

/// <summary>
/// What a command reads: a local path, or an <c>s3://bucket/key</c>, <c>az://container/key</c>,
/// <c>hf://datasets/owner/name/path</c> or <c>http(s)://</c> URI read through an object store; or a dataset of such
/// files, a local directory or an <c>s3://</c>, <c>az://</c> or <c>hf://</c> prefix ending with <c>/</c> (<see cref="Files"/>). Credentials come from each SDK's usual places: the AWS environment and
/// profile chain (and <c>AWS_ENDPOINT_URL</c> for S3-compatible stores); for Azure, <c>AZURE_STORAGE_CONNECTION_STRING</c>,
/// or <c>AZURE_STORAGE_ACCOUNT</c> with Azure's default credential chain; for the Hugging Face Hub, <c>HF_TOKEN</c> (and
/// <c>HF_ENDPOINT</c> for a mirror).
/// </summary>
internal sealed class CliInput
{
    private readonly IObjectStore? _store;
    private readonly string _pathOrKey;
    private readonly DeltaTableFile? _tableFile;

    private CliInput(string display, IObjectStore? store, string pathOrKey, IReadOnlyList<CliInput>? files = null, string? shortName = null, DeltaTableFile? tableFile = null)
    {
        Display = display;
        _store = store;
        _pathOrKey = pathOrKey;
        _tableFile = tableFile;
        Files = files ?? [this];
        IsDataset = files is not null;
        ShortName = shortName ?? (store is null ? Path.GetFileName(pathOrKey) : pathOrKey[(pathOrKey.LastIndexOf('/') + 1)..]);
    }

    /// <summary>The version of the Delta Lake table read, when the input is one (its latest); null otherwise.</summary>
    public long? DeltaVersion { get; private init; }

    /// <summary>
    /// A file's partition values, as a row type's members would read them: a Delta table's from its log, otherwise the
    /// <c>key=value</c> directories of its path below the dataset's root, unescaped (Hive's default partition is null).
    /// </summary>
    public IEnumerable<(string Key, string? Value)> Partitions => _tableFile is { } tableFile
        ? tableFile.PartitionValues.Select(p => (p.Key, p.Value))
        : PartitionsOf(ShortName);

    /// <summary>The rows of the file a Delta table's deletion vector deletes; 0 for any other file.</summary>
    public long DeletedRows => _tableFile?.DeletedRowCount ?? 0;

    /// <summary>How the input is shown: the full path or the URI.</summary>
    public string Display { get; }

    /// <summary>A short name for progress bars and tables: the file's name, or its path below the dataset's directory.</summary>
    public string ShortName { get; }

    /// <summary>Whether the input is a directory of files (a dataset) rather than one file.</summary>
    public bool IsDataset { get; }

    /// <summary>The files read, in the order a dataset reads them: the one file, or every Parquet file of the directory.</summary>
    public IReadOnlyList<CliInput> Files { get; }

    /// <summary>
    /// Resolves <paramref name="argument"/>; a local path must name an existing file, or a directory of Parquet files
    /// (read as <see cref="ParquetSource{T}.FromDirectory"/> reads it, Hive partitions included, and a Delta table as its
    /// log says), and an <c>s3://</c>, <c>az://</c> or <c>hf://</c> URI ending with <c>/</c> names the Parquet objects under it (as
    /// <see cref="ParquetSource{T}.FromStore"/> lists them, a Delta table's as its log says).
    /// </summary>
    /// <param name="argument">The path or URI.</param>
    /// <param name="tableVersion">For a Delta table, the version to read; null for the latest.</param>
    /// <exception cref="SourceUnavailableException">The path is missing, a directory or prefix with no Parquet file or a Delta table with no rows, a file a table's log names is not there, a version is asked of what is not a Delta table, or a URI lacks its credentials.</exception>
    public static CliInput Parse(string argument, long? tableVersion = null)
    {
        CliInput input = ParseInput(argument, tableVersion);
        return tableVersion is not null && input.DeltaVersion is null
            ? throw Unavailable(argument, "--table-version reads a Delta Lake table at a version, and this is not one")
            : input;
    }

    private static CliInput ParseInput(string argument, long? tableVersion)
    {
        if (Uri.TryCreate(argument, UriKind.Absolute, out Uri? uri) && uri.Scheme is "s3" or "az" or "hf" or "http" or "https")
        {
            (IObjectStore? store, string key) = uri.Scheme switch
            {
                "s3" => (new S3ObjectStore(CreateS3Client(), uri.Host), KeyOf(uri)),
                "az" => (new AzureBlobObjectStore(CreateContainer(argument, uri.Host)), KeyOf(uri)),
                "hf" => HubDataset(argument, uri),
                _ => (null, KeyOf(uri)),
            };
            bool prefix = key.Length == 0 || key.EndsWith('/');
            if (store is null)
            {
                return prefix
                    ? throw Unavailable(argument, "plain HTTP cannot list a folder's files; name one file (an s3://, az:// or hf:// URI ending with '/' reads every Parquet object under it)")
                    : FromHttp(argument, uri);
            }

            if (prefix)
            {
                // A prefix is a dataset, listed as ParquetSource.FromStore lists it, or a Delta table, read as its log says.
                string root = store.Name.TrimEnd('/') + "/";
                if (DeltaTable.IsTable(store, key))
                {
                    return DeltaDataset(argument, store, DeltaTable.Snapshot(store, key, tableVersion));
                }

                CliInput[] objects = [.. ParquetFileInfo.DatasetObjects(store, key).Select(o => new CliInput(root + o.Key, store, o.Key, shortName: o.Key[key.Length..]))];
                return new CliInput(argument, store, key, objects, shortName: argument);
            }

            return new CliInput(argument, store, key);
        }

        if (Directory.Exists(argument))
        {
            string directory = Path.GetFullPath(argument);
            if (DeltaTable.IsTable(directory))
            {
                return DeltaDataset(directory, store: null, DeltaTable.Snapshot(directory, tableVersion));
            }

            CliInput[] files = [.. ParquetFileInfo.DatasetFiles(directory).Select(file => new CliInput(file, null, file, shortName: Path.GetRelativePath(directory, file)))];
            return new CliInput(directory, null, directory, files);
        }

        var file = new FileInfo(argument);
        CliApplication.RequireFile(file);
        return new CliInput(file.FullName, null, file.FullName);
    }

    /// <summary>
    /// A Delta table's files at the <paramref name="snapshot"/>'s version, each read as the table holds it (names,
    /// partitions, deleted rows from the log), shown by their paths below the table.
    /// </summary>
    private static CliInput DeltaDataset(string display, IObjectStore? store, DeltaTableSnapshot snapshot)
    {
        if (snapshot.Files.Count == 0)
        {
            throw Unavailable(display, $"it is a Delta Lake table whose version {snapshot.Version} holds no rows (its log names no data file)");
        }

        CliInput[] inputs = [.. snapshot.Files.Select(file => new CliInput(file.Name, store, file.Name, shortName: file.Path, tableFile: file))];
        return new CliInput(display, store, display, inputs, shortName: display) { DeltaVersion = snapshot.Version };
    }

    public Task<FilterExplanation> ExplainAsync(string where, CancellationToken cancellationToken) =>
        _tableFile is { } tableFile ? ParquetFileInfo.ExplainAsync(tableFile, where, cancellationToken)
        : _store is null ? ParquetFileInfo.ExplainAsync(_pathOrKey, where, cancellationToken)
        : ParquetFileInfo.ExplainAsync(_store, _pathOrKey, where, cancellationToken);

    /// <summary>
    /// Every file's footer, in the order of <see cref="Files"/>, eight read at a time: a prefix of thousands of objects
    /// costs a request each, and waiting on them one by one would make the latency of each the tool's.
    /// </summary>
    public async Task<List<(CliInput File, ParquetFileInfo Info)>> ReadInfosAsync(CancellationToken cancellationToken)
    {
        var infos = new ParquetFileInfo[Files.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, Files.Count),
            new ParallelOptions { MaxDegreeOfParallelism = FootersReadAtOnce, CancellationToken = cancellationToken },
            async (i, token) => infos[i] = await Files[i].ReadInfoAsync(token).ConfigureAwait(false)).ConfigureAwait(false);
        return [.. Files.Select((file, i) => (file, infos[i]))];
    }

    private const int FootersReadAtOnce = 8;

    public Task<ParquetFileInfo> ReadInfoAsync(CancellationToken cancellationToken) =>
        _tableFile is { } tableFile ? ParquetFileInfo.ReadAsync(tableFile, cancellationToken)
        : _store is null ? ParquetFileInfo.ReadAsync(_pathOrKey, cancellationToken)
        : ParquetFileInfo.ReadAsync(_store, _pathOrKey, cancellationToken);

    public Task<ParquetScan> ScanAsync(int headRows, bool headOnly, IProgress<long>? progress, CancellationToken cancellationToken) =>
        _tableFile is { } tableFile ? ParquetFileInfo.ScanAsync(tableFile, headRows, headOnly, progress, cancellationToken)
        : _store is null ? ParquetFileInfo.ScanAsync(_pathOrKey, headRows, headOnly, progress, cancellationToken)
        : ParquetFileInfo.ScanAsync(_store, _pathOrKey, headRows, headOnly, progress, cancellationToken);

    /// <summary>The <c>key=value</c> directories of a path below a dataset's root, unescaped; Hive's default partition is null.</summary>
    private static IEnumerable<(string Key, string? Value)> PartitionsOf(string relativePath)
    {
        string[] parts = relativePath.Split('/', '\\');
        foreach (string part in parts[..^1])
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                string value = Uri.UnescapeDataString(part[(equals + 1)..]);
                yield return (Uri.UnescapeDataString(part[..equals]), value == "__HIVE_DEFAULT_PARTITION__" ? null : value);
            }
        }
    }

    /// <summary>An <c>s3://</c>, <c>az://</c> or <c>http(s)://</c> URI's key: its path, unescaped.</summary>
    private static string KeyOf(Uri uri) => Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));

    /// <summary>
    /// An <c>hf://datasets/owner/name[@revision]/path</c> URI (as the Hub's own tools write one; a revision with a slash,
    /// such as <c>refs%2Fconvert%2Fparquet</c>, escaped): the dataset's store and the path. <c>HF_TOKEN</c>, when set, is
    /// sent to the Hub for gated and private datasets, and <c>HF_ENDPOINT</c> names a mirror.
    /// </summary>
    private static (IObjectStore Store, string Key) HubDataset(string argument, Uri uri)
    {
        string[] parts = uri.AbsolutePath.TrimStart('/').Split('/');
        if (uri.Host != "datasets" || parts.Length < 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw Unavailable(argument, "an hf:// URI names a dataset's files as hf://datasets/owner/name/path, or hf://datasets/owner/name@revision/path");
        }

        int at = parts[1].IndexOf('@', StringComparison.Ordinal);
        string name = at < 0 ? parts[1] : parts[1][..at];
        string revision = at < 0 ? "main" : Uri.UnescapeDataString(parts[1][(at + 1)..]);
        string? mirror = Environment.GetEnvironmentVariable("HF_ENDPOINT");
        if (mirror is { Length: > 0 } && !Uri.TryCreate(mirror, UriKind.Absolute, out _))
        {
            throw Unavailable(argument, $"HF_ENDPOINT is '{mirror}', which is not an absolute URI");
        }

        try
        {
            var store = new HuggingFaceObjectStore(HubHttp.Value, $"{Uri.UnescapeDataString(parts[0])}/{Uri.UnescapeDataString(name)}", revision, mirror is { Length: > 0 } ? new Uri(mirror) : null);
            return (store, Uri.UnescapeDataString(string.Join('/', parts[2..])));
        }
        catch (ArgumentException error)
        {
            throw Unavailable(argument, error.Message);
        }
    }

    /// <summary>The client for the Hub: <c>HF_TOKEN</c> as its bearer token when set, as the Hub's own tools take it.</summary>
    private static readonly Lazy<HttpClient> HubHttp = new(() =>
    {
        var client = new HttpClient();
        if (Environment.GetEnvironmentVariable("HF_TOKEN") is { Length: > 0 } token)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    });

    /// <summary>The URI's folder as the store, its last segment (with any query, such as a presigned URL's signature) as the key.</summary>
    private static CliInput FromHttp(string argument, Uri uri)
    {
        string path = uri.GetLeftPart(UriPartial.Path);
        int slash = path.LastIndexOf('/');
        return new CliInput(argument, new HttpObjectStore(SharedHttp, new Uri(path[..(slash + 1)])), Uri.UnescapeDataString(path[(slash + 1)..]) + uri.Query);
    }

    private static readonly HttpClient SharedHttp = new();

    private static SourceUnavailableException Unavailable(string argument, string problem) =>
        new($"Cannot read '{argument}': {problem}.") { FilePath = argument };

    private static AmazonS3Client CreateS3Client()
    {
        // An explicit endpoint (MinIO, R2, moto) is addressed by path, as S3-compatible stores expect.
        string? endpoint = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_S3") ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
        if (!string.IsNullOrEmpty(endpoint))
        {
            return new AmazonS3Client(new AmazonS3Config
            {
                ServiceURL = endpoint,
                ForcePathStyle = true,
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            });
        }

        return new AmazonS3Client();
    }

    /// <summary>
    /// A connection string when one is set; otherwise the account named by <c>AZURE_STORAGE_ACCOUNT</c> with Azure's
    /// default credential chain (environment, workload and managed identity, the Azure CLI's login).
    /// </summary>
    private static BlobContainerClient CreateContainer(string argument, string container)
    {
        if (Environment.GetEnvironmentVariable("AZURE_STORAGE_CONNECTION_STRING") is { Length: > 0 } connection)
        {
            return new BlobContainerClient(connection, container);
        }

        if (Environment.GetEnvironmentVariable("AZURE_STORAGE_ACCOUNT") is { Length: > 0 } account)
        {
            return new BlobContainerClient(new Uri($"https://{account}.blob.core.windows.net/{container}"), new Azure.Identity.DefaultAzureCredential());
        }

        throw Unavailable(argument, "set AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_ACCOUNT to sign in with Azure's default credentials, to read az:// URIs");
    }
}
