namespace Alimentar.Storage;

/// <summary>A Delta table's <c>_delta_log</c> folder: the names of its files, and how to read a commit and a checkpoint.</summary>
/// <param name="Names">The file names directly in the folder.</param>
/// <param name="ReadText">A commit's text, by file name.</param>
/// <param name="ReadCheckpoint">A checkpoint's rows, by the file names of its parts in order.</param>
internal sealed record DeltaLogFolder(IReadOnlyList<string> Names, Func<string, string> ReadText, Func<IReadOnlyList<string>, IEnumerable<DeltaCheckpointRow>> ReadCheckpoint);
