using TorchSharp;
using static TorchSharp.torch;

namespace Alimentar.Pretraining;

/// <summary>
/// A deliberately tiny next-token model (ids folded into 1,024 buckets, a 32-wide embedding and one linear layer),
/// enough to show batches becoming tensors and a loss going down, not to learn a language.
/// </summary>
public sealed class TinyLanguageModel : IDisposable
{
    private const int Buckets = 1_024;
    private const int Context = 256;
    private readonly nn.Module<Tensor, Tensor> _embedding = nn.Embedding(Buckets, 32);
    private readonly nn.Module<Tensor, Tensor> _output = nn.Linear(32, Buckets);
    private readonly optim.Optimizer _optimizer;

    public TinyLanguageModel()
    {
        torch.manual_seed(7);
        _optimizer = optim.Adam(_embedding.parameters().Concat(_output.parameters()), lr: 0.01);
    }

    /// <summary>One optimiser step on the first tokens of each sequence in <paramref name="tokens"/> ([rows, length] int32); returns the loss.</summary>
    public float Step(Tensor tokens)
    {
        using var scope = torch.NewDisposeScope();
        Tensor ids = tokens.narrow(1, 0, Math.Min(Context, tokens.shape[1])).remainder(Buckets).to_type(ScalarType.Int64);
        Tensor inputs = ids.narrow(1, 0, ids.shape[1] - 1);
        Tensor targets = ids.narrow(1, 1, ids.shape[1] - 1);
        Tensor logits = _output.call(_embedding.call(inputs));
        Tensor loss = nn.functional.cross_entropy(logits.reshape(-1, Buckets), targets.reshape(-1));
        _optimizer.zero_grad();
        loss.backward();
        _optimizer.step();
        return loss.item<float>();
    }

    /// <summary>Whether libtorch loads in this process; if not, why.</summary>
    public static bool IsAvailable(out string reason)
    {
#if WITH_LIBTORCH
        try
        {
            using Tensor probe = torch.zeros(1);
            reason = string.Empty;
            return true;
        }
        catch (Exception error) when (error is TypeInitializationException or DllNotFoundException or NotSupportedException or InvalidOperationException)
        {
            // On Debian 12 it cannot: TorchSharp 0.107's native library needs GLIBCXX_3.4.32 (GCC 13's libstdc++).
            reason = $"{(error.InnerException ?? error).Message.Split('\n')[0]} (TorchSharp 0.107's native library needs GLIBCXX_3.4.32, GCC 13's libstdc++)";
            return false;
        }
#else
        // Probing would make TorchSharp look for libtorch in the NuGet cache and copy what it finds next to the app.
        reason = "this build has no libtorch; build with -p:WithLibTorch=true (TorchSharp-cpu: 1.2 GB of packages)";
        return false;
#endif
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _embedding.Dispose();
        _output.Dispose();
    }
}
