namespace Alimentar.Pretraining;

/// <summary>
/// Packs documents' tokens into sequences of one length, as pretraining does: each document's tokens, then an
/// end-of-text token, one after another, cut every <see cref="Length"/> tokens whatever the document boundaries.
/// The tail shorter than a sequence is left over (<see cref="Pending"/>).
/// </summary>
public sealed class SequencePacker(int length, int endOfText)
{
    private int[] _sequence = new int[length];
    private int _filled;

    public int Length { get; } = length;

    /// <summary>Tokens waiting for a sequence to fill.</summary>
    public int Pending => _filled;

    /// <summary>Adds a document; returns the sequences it completed.</summary>
    public IEnumerable<int[]> Add(IReadOnlyList<int> tokens)
    {
        var done = new List<int[]>();
        foreach (int token in tokens)
        {
            Push(token, done);
        }

        Push(endOfText, done);
        return done;
    }

    private void Push(int token, List<int[]> done)
    {
        _sequence[_filled++] = token;
        if (_filled == Length)
        {
            done.Add(_sequence);
            _sequence = new int[Length];
            _filled = 0;
        }
    }
}
