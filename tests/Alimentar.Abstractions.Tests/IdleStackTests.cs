namespace Alimentar.Abstractions.Tests;

public sealed class IdleStackTests
{
    [Fact]
    public void The_item_returned_last_is_taken_first()
    {
        var stack = new IdleStack<string>();
        stack.TryPush("older");
        stack.TryPush("newer");

        Assert.True(stack.TryPop(out string? item));
        Assert.Equal("newer", item);
        Assert.Equal(1, stack.Count);
    }

    [Fact]
    public void Past_its_limit_an_item_is_refused_so_the_caller_can_free_it()
    {
        var stack = new IdleStack<object>();

        Assert.True(stack.TryPush(new object(), most: 2));
        Assert.True(stack.TryPush(new object(), most: 2));
        Assert.False(stack.TryPush(new object(), most: 2));
        Assert.Equal(2, stack.Count);
    }

    [Fact]
    public void A_drop_hands_over_the_items_unused_since_the_previous_drop_and_keeps_the_rest()
    {
        var stack = new IdleStack<string>();
        foreach (string item in new[] { "a", "b", "c", "d" })
        {
            stack.TryPush(item);
        }

        Assert.Equal(0, stack.DropIdle(all: false));

        // "d" and "c" are taken and given back; "a" and "b" sat at the bottom the whole time.
        stack.TryPop(out string? d);
        stack.TryPop(out string? c);
        stack.TryPush(c!);
        stack.TryPush(d!);
        var dropped = new List<string>();

        Assert.Equal(2, stack.DropIdle(all: false, dropped.Add));
        Assert.Equal(["a", "b"], dropped);
        Assert.Equal(2, stack.Count);
        Assert.True(stack.TryPop(out string? top));
        Assert.Equal("d", top);
    }

    [Fact]
    public void A_drop_of_all_hands_over_every_item()
    {
        var stack = new IdleStack<string>();
        stack.TryPush("a");
        stack.TryPush("b");
        var dropped = new List<string>();

        Assert.Equal(2, stack.DropIdle(all: true, dropped.Add));
        Assert.Equal(["a", "b"], dropped);
        Assert.Equal(0, stack.Count);
        Assert.False(stack.TryPop(out _));
    }

    [Fact]
    public void A_stack_grown_for_many_items_still_drops_them_all_once_idle()
    {
        var stack = new IdleStack<object>();
        for (int i = 0; i < 1_000; i++)
        {
            stack.TryPush(new object());
        }

        stack.DropIdle(all: false);

        Assert.Equal(1_000, stack.DropIdle(all: false));
        Assert.Equal(0, stack.Count);
        Assert.True(stack.TryPush(new object()));
    }
}
