using System.Buffers.Binary;
using Alimentar.Arrow;

namespace Alimentar.IntegrationTests;

/// <summary>
/// Schema messages that would overflow Arrow's recursive reader, and so end the process, are refused first: fields
/// whose children point back at themselves, and nesting deeper than any real schema.
/// </summary>
public sealed class ArrowSchemaGuardTests
{
    /// <summary>
    /// A schema message's flatbuffer holding a chain of <paramref name="depth"/> fields, each the only child of the one
    /// before; with <paramref name="loop"/> the last field's children are the schema's own field list instead.
    /// </summary>
    private static byte[] SchemaMessage(int depth, bool loop = false)
    {
        var bytes = new List<byte>();
        void U16(int value) => bytes.AddRange(BitConverter.GetBytes((ushort)value));
        void I32(int value) => bytes.AddRange(BitConverter.GetBytes(value));

        I32(16);                                           // 0: the root, the Message table at 16
        U16(10); U16(12); U16(0); U16(4); U16(8); U16(0);  // 4: Message vtable: header_type at +4, header at +8
        I32(16 - 4); I32(1); I32(36 - 24);                 // 16: Message: a Schema, whose table is at 36
        U16(8); U16(8); U16(0); U16(4);                    // 28: Schema vtable: fields at +4
        I32(36 - 28); I32(60 - 40);                        // 36: Schema: its fields vector at 60
        U16(16); U16(8); U16(0); U16(0); U16(0); U16(0); U16(0); U16(4); // 44: Field vtable: children at +4
        for (int level = 0; level < depth; level++)
        {
            int vector = 60 + (16 * level);
            I32(1); I32(4);                                // a vector of one field, the table right after it
            int table = vector + 8;
            bool last = level == depth - 1;
            I32(table - 44);
            I32(last && loop ? 60 - (table + 4) : 4);      // children: the next vector, or back to the schema's fields
        }

        I32(0);                                            // the last field's children: none
        return [.. bytes];
    }

    [Fact]
    public void A_field_whose_children_point_back_at_the_schema_is_refused()
    {
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => ArrowSchemaGuard.CheckMessage(SchemaMessage(3, loop: true)));

        Assert.Contains("not a well-formed flatbuffer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_any_real_schema_is_refused_and_ordinary_nesting_passes()
    {
        ArrowSchemaGuard.CheckMessage(SchemaMessage(ArrowSchemaGuard.MaxDepth));

        InvalidDataException error = Assert.Throws<InvalidDataException>(() => ArrowSchemaGuard.CheckMessage(SchemaMessage(ArrowSchemaGuard.MaxDepth + 1)));
        Assert.Contains($"more than {ArrowSchemaGuard.MaxDepth} deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_whose_schema_loops_is_an_error_naming_it_not_a_stack_overflow()
    {
        byte[] metadata = SchemaMessage(3, loop: true);
        var stream = new MemoryStream();
        stream.Write(BitConverter.GetBytes(-1));
        stream.Write(BitConverter.GetBytes(metadata.Length));
        stream.Write(metadata);
        stream.Write(ArrowEndOfStream);
        stream.Position = 0;

        AlimentarException error = Assert.ThrowsAny<AlimentarException>(() => ParquetFiles.ReadAll(new ArrowSource<Measurement>(stream, "looping.arrows")));

        Assert.Contains("'looping.arrows'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a well-formed flatbuffer", error.Message, StringComparison.Ordinal);
    }

    private static byte[] ArrowEndOfStream => [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0];
}
