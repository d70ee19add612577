using Alimentar.Arrow;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Alimentar.IntegrationTests;

public sealed class ArrowArrayCheckTests
{
    [Fact]
    public void Arrays_that_arrow_s_own_builders_make_fit_their_buffers()
    {
        var list = new ListArray.Builder(StringType.Default);
        var items = (StringArray.Builder)list.ValueBuilder;
        list.Append();
        items.Append("a").AppendNull();
        list.AppendNull();
        list.Append();
        var structs = new StructArray(
            new StructType([new Field("x", Int64Type.Default, false), new Field("d", new Decimal128Type(12, 3), true)]),
            2,
            [new Int64Array.Builder().AppendRange([1, 2]).Build(), new Decimal128Array.Builder(new Decimal128Type(12, 3)).Append(1.5m).AppendNull().Build()],
            ArrowBuffer.Empty);

        Assert.Null(ArrowArrayCheck.Problem(list.Build().Data));
        Assert.Null(ArrowArrayCheck.Problem(structs.Data));
        Assert.Null(ArrowArrayCheck.Problem(new BooleanArray.Builder().AppendRange([true, false, true]).Build().Data));
    }

    [Fact]
    public void A_length_beyond_the_values_buffer_is_named()
    {
        ArrayData data = new Int64Array.Builder().AppendRange([1, 2, 3]).Build().Data;
        var claimed = new ArrayData(data.DataType, 1_000_000, 0, 0, data.Buffers, data.Children);

        Assert.Equal("int64 array of 1000000 values has 64 bytes of values", ArrowArrayCheck.Problem(claimed));
    }

    [Fact]
    public void List_offsets_reaching_past_the_child_are_named()
    {
        var list = new ListArray.Builder(Int32Type.Default);
        list.Append();
        ((Int32Array.Builder)list.ValueBuilder).Append(1).Append(2);
        ArrayData data = list.Build().Data;
        ArrayData child = data.Children[0];
        var shortChild = new ArrayData(child.DataType, 1, 0, 0, child.Buffers, child.Children);
        var claimed = new ArrayData(data.DataType, data.Length, data.NullCount, data.Offset, data.Buffers, [shortChild]);

        Assert.Equal("list array's lists reach value 2 of 1", ArrowArrayCheck.Problem(claimed));
    }

    [Fact]
    public void A_struct_field_shorter_than_the_struct_is_named()
    {
        var type = new StructType([new Field("x", Int64Type.Default, false)]);
        var structs = new StructArray(type, 2, [new Int64Array.Builder().AppendRange([1, 2]).Build()], ArrowBuffer.Empty);
        var claimed = new ArrayData(type, 5, 0, 0, structs.Data.Buffers, structs.Data.Children);

        Assert.Equal("struct array of 5 values has a field of 2", ArrowArrayCheck.Problem(claimed));
    }

    [Fact]
    public void Validity_bits_short_of_the_length_are_named()
    {
        ArrayData data = new Int32Array.Builder().Append(1).AppendNull().Build().Data;
        var claimed = new ArrayData(data.DataType, 40, 1, 0, [new ArrowBuffer(new byte[1]), new ArrowBuffer(new byte[160])], data.Children);

        Assert.Equal("int32 array of 40 values has 1 bytes of validity bits", ArrowArrayCheck.Problem(claimed));
    }
}
