namespace Alimentar.Fuzzing;

/// <summary>
/// A row of the columns the Delta seeds' tables hold between them, each nullable, read with missing columns as nulls:
/// every table the fuzzer makes of a damaged commit binds to it, so the reads go on to the files and their deletions.
/// </summary>
[StreamingDataset]
public sealed partial record FuzzDeltaRow(long? Id, int? Value, string? Name, string? Description);
