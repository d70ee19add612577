namespace Alimentar.Runtime.Tests;

public sealed class DeltaDeletionVectorTests
{
    private static readonly long[] Deleted = [0, 9, 100_000];

    [Fact]
    public void A_stored_vector_s_file_is_named_by_its_UUID_after_its_prefix()
    {
        // The id and file name of a vector Databricks Runtime wrote (tests/data/delta/table-with-dv-small).
        Assert.Equal("deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin", Vector("u", "vBn[lx{q8@P<9BNH/isA").FileName());
        Assert.Equal("ab/deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin", Vector("u", "abvBn[lx{q8@P<9BNH/isA").FileName());
        Assert.Null(Vector("u", "vBn[lx{q8@P<9BNH/is").FileName());
    }

    [Fact]
    public void A_stored_vector_is_read_at_its_offset_and_an_inline_one_from_the_log()
    {
        byte[] bitmap = DeletionVectorBytes.Bitmap(Deleted);
        (byte[] file, int[] offsets) = DeletionVectorBytes.File(DeletionVectorBytes.Bitmap([5]), bitmap);
        var id = Guid.NewGuid();
        var stored = new DeltaDeletionVector("u", "xy" + DeletionVectorBytes.FileId(id), offsets[1], bitmap.Length, Deleted.Length);
        string? asked = null;

        DeletedRows rows = stored.Load("table", "part-0.parquet", (path, offset, count) =>
        {
            asked = path;
            return file[(int)offset..(int)(offset + count)];
        });

        Assert.Equal($"xy/deletion_vector_{id}.bin", asked);
        Assert.Equal(Deleted.Length, rows.Count);
        var inline = new DeltaDeletionVector("i", DeletionVectorBytes.Z85(bitmap), null, bitmap.Length, Deleted.Length);
        Assert.Equal(Deleted.Length, inline.Load("table", "part-0.parquet", (_, _, _) => throw new InvalidOperationException("an inline vector reads no file")).Count);
    }

    [Fact]
    public void Damage_and_disagreement_with_the_log_are_named_with_the_table_and_the_data_file()
    {
        byte[] bitmap = DeletionVectorBytes.Bitmap(Deleted);
        (byte[] file, int[] offsets) = DeletionVectorBytes.File(bitmap);
        string id = DeletionVectorBytes.FileId(Guid.NewGuid());
        byte[] Read(string path, long offset, int count) => file[(int)offset..(int)Math.Min(file.Length, offset + count)];

        string Fails(DeltaDeletionVector vector, Func<string, long, int, byte[]> read) =>
            Assert.Throws<CorruptParquetFileException>(() => vector.Load("table", "part-0.parquet", read)).Message;

        Assert.Contains("3 rows where the log says 4", Fails(new DeltaDeletionVector("u", id, offsets[0], bitmap.Length, 4), Read), StringComparison.Ordinal);
        Assert.Contains($"holds {bitmap.Length} bytes where the log says 10", Fails(new DeltaDeletionVector("u", id, offsets[0], 10, 3), Read), StringComparison.Ordinal);
        file[^6] ^= 1;
        string crc = Fails(new DeltaDeletionVector("u", id, offsets[0], bitmap.Length, 3), Read);
        Assert.Contains("CRC-32", crc, StringComparison.Ordinal);
        Assert.Contains("'table'", crc, StringComparison.Ordinal);
        Assert.Contains("'part-0.parquet'", crc, StringComparison.Ordinal);
        Assert.Contains("not Z85", Fails(new DeltaDeletionVector("i", "not z85!", null, 4, 3), Read), StringComparison.Ordinal);
        Assert.Contains("not a Z85 UUID", Fails(new DeltaDeletionVector("u", "short", 1, 4, 3), Read), StringComparison.Ordinal);
    }

    [Fact]
    public void A_vector_at_an_absolute_path_is_read_from_that_path_and_one_of_an_unknown_kind_is_refused()
    {
        byte[] bitmap = DeletionVectorBytes.Bitmap(Deleted);
        (byte[] file, int[] offsets) = DeletionVectorBytes.File(bitmap);
        string? asked = null;

        DeletedRows rows = new DeltaDeletionVector("p", "s3://source/table/deletion_vector_x.bin", offsets[0], bitmap.Length, Deleted.Length).Load("clone", "f", (path, offset, count) =>
        {
            asked = path;
            return file[(int)offset..(int)(offset + count)];
        });

        Assert.Equal("s3://source/table/deletion_vector_x.bin", asked);
        Assert.Equal(Deleted.Length, rows.Count);
        Assert.Contains("'z'", Assert.Throws<UnsupportedParquetFeatureException>(() => Vector("z", "x").Load("table", "f", (_, _, _) => [])).Message, StringComparison.Ordinal);
    }

    private static DeltaDeletionVector Vector(string storage, string where) => new(storage, where, 1, 36, 2);
}
