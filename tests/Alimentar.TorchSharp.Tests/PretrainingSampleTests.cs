using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Alimentar.TorchSharp.Tests;

/// <summary>
/// The language-model sample end to end, as a user runs it: a text corpus written, tokenised with cl100k_base and
/// packed into 2,048-token sequences (every token accounted for), read back shuffled, checkpointed and resumed with
/// every sequence once, as rank 0 of 1 and as rank 1 of 2.
/// </summary>
public sealed class PretrainingSampleTests
{
    private static readonly string SamplePath = typeof(PretrainingSampleTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "PretrainingSample").Value!;

    [Fact]
    public async Task The_pipeline_packs_every_token_and_reads_each_sequence_once_across_a_resume_on_every_rank()
    {
        string alone = await RunAsync(rank: null);
        Match packed = Regex.Match(alone, @"tokenise: ([\d,]+) tokens .* into ([\d,]+) sequences of 2,048, ([\d,]+) left over");
        Assert.True(packed.Success, alone);
        long tokens = Number(packed.Groups[1].Value), sequences = Number(packed.Groups[2].Value), left = Number(packed.Groups[3].Value);
        Assert.Equal(tokens, (sequences * 2_048) + left);
        Assert.InRange(left, 0, 2_047);
        Assert.Matches(@$"read: +rank 0 of 1: {packed.Groups[2].Value} sequences shuffled, checkpointed at [\d,]+ and resumed, each once: True", alone);
        Assert.Contains("model:", alone, StringComparison.Ordinal);

        // Rank 1 of 2 reads its half: the sample sees WORLD_SIZE and RANK as torchrun sets them.
        string second = await RunAsync(rank: 1);
        Assert.Matches(@$"read: +rank 1 of 2: {(sequences / 2).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} sequences shuffled, checkpointed at [\d,]+ and resumed, each once: True", second);
    }

    private static long Number(string text) => long.Parse(text, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> RunAsync(int? rank)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };

        // The sample prints its figures as the machine's culture does; the patterns below read English ones.
        start.Environment["LC_ALL"] = "en_US.UTF-8";
        start.ArgumentList.Add(SamplePath);
        start.ArgumentList.Add("800");
        if (rank is { } r)
        {
            start.Environment["RANK"] = r.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["WORLD_SIZE"] = "2";
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        string printed = await output;
        Assert.True(process.ExitCode == 0, printed + await errors);
        return printed;
    }
}
