namespace Alimentar.Abstractions.Tests;

public sealed class EnumListsTests
{
    private enum Shade : byte
    {
        Light = 1,
        Dark = 2,
    }

    [Fact]
    public void Numbers_become_enums_and_back_nullable_or_not_and_a_null_list_stays_null()
    {
        var buffer = new ListBuffer<byte?>(2, new ColumnBufferPool());
        buffer.Set(0, EnumLists.Numbers<Shade?, byte?>([Shade.Dark, null, Shade.Light]));
        buffer.Set(1, EnumLists.Numbers<Shade?, byte?>(null));

        Assert.Equal([Shade.Dark, null, Shade.Light], EnumLists.ToArray<byte?, Shade?>(buffer, 0));
        Assert.Equal([Shade.Dark, null, Shade.Light], EnumLists.ToList<byte?, Shade?>(buffer, 0));
        Assert.True(buffer.View(0, 2).IsNull(1));
        Assert.Equal([Shade.Light], EnumLists.Array<byte, Shade>([1]));
        Assert.Null(EnumLists.List<byte, Shade>(null));
        Assert.Throws<ArgumentException>(() => EnumLists.Array<int, Shade>([1]));
        buffer.Return();
    }
}
