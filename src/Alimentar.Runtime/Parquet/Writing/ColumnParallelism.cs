namespace Alimentar.Parquet.Writing;

/// <summary>
/// Runs one piece of work per column side by side, up to a degree of parallelism, and reports errors as a
/// sequential loop would: the lowest-numbered failing column's, once every column has run.
/// </summary>
internal static class ColumnParallelism
{
    public static void For(int count, int parallelism, Action<int> body)
    {
        if (count <= 1 || parallelism == 1)
        {
            for (int i = 0; i < count; i++)
            {
                body(i);
            }

            return;
        }

        var errors = new Exception?[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, i =>
        {
            try
            {
                body(i);
            }
            catch (Exception error)
            {
                errors[i] = error;
            }
        });
        if (Array.Find(errors, e => e is not null) is { } first)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
    }
}
