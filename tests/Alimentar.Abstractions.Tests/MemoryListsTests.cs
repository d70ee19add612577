namespace Alimentar.Abstractions.Tests;

/// <summary>
/// A memory member wraps the array a reader builds, and gives a writer the array it covers, copying only a memory that
/// covers part of one; a default memory is an empty list and only a nullable member's null is a null list.
/// </summary>
public sealed class MemoryListsTests
{
    [Fact]
    public void A_read_array_is_wrapped_without_a_copy_and_a_null_one_is_a_null_list()
    {
        int[] read = [1, 2, 3];

        Assert.Same(read, MemoryLists.AsArray(MemoryLists.NullableReadOnly(read)));
        Assert.Same(read, MemoryLists.AsArray(MemoryLists.Nullable(read)));
        Assert.Null(MemoryLists.NullableReadOnly<int>(null));
        Assert.Null(MemoryLists.Nullable<int>(null));
    }

    [Fact]
    public void A_writer_takes_the_whole_array_a_memory_covers_and_a_copy_of_a_part()
    {
        int[] whole = [1, 2, 3, 4];

        Assert.Same(whole, MemoryLists.AsArray(new ReadOnlyMemory<int>(whole)));
        Assert.Same(whole, MemoryLists.AsArray(new Memory<int>(whole)));
        int[] part = MemoryLists.AsArray(whole.AsMemory(1, 2));
        Assert.NotSame(whole, part);
        Assert.Equal([2, 3], part);
        Assert.Empty(MemoryLists.AsArray(default(ReadOnlyMemory<int>)));
        Assert.Empty(MemoryLists.AsArray(default(Memory<int>)));
        Assert.Null(MemoryLists.AsArray((ReadOnlyMemory<int>?)null));
        Assert.Null(MemoryLists.AsArray((Memory<int>?)null));
        Assert.Empty(MemoryLists.AsArray((Memory<int>?)default(Memory<int>))!);
    }
}
