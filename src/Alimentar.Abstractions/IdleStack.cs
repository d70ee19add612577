using System.Diagnostics.CodeAnalysis;

namespace Alimentar;

/// <summary>
/// Items kept for reuse, the most recently returned on top, that knows how many sat unused at its bottom since the
/// last trim: those are what a trim drops, so a pool gives back only what its work no longer reaches for.
/// </summary>
/// <typeparam name="TItem">What is kept.</typeparam>
internal sealed class IdleStack<TItem>
    where TItem : class
{
    private readonly Lock _lock = new();
    private TItem?[] _items = new TItem?[4];
    private int _count;

    // The fewest items held since the last trim: that many sat at the bottom the whole time, unused.
    private int _fewestSinceTrim;

    /// <summary>The items kept now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Takes the item returned last, if any.</summary>
    public bool TryPop([NotNullWhen(true)] out TItem? item)
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                item = null;
                return false;
            }

            item = _items[--_count]!;
            _items[_count] = null;
            _fewestSinceTrim = Math.Min(_fewestSinceTrim, _count);
            return true;
        }
    }

    /// <summary>Keeps <paramref name="item"/> unless <paramref name="most"/> are kept already.</summary>
    /// <returns>Whether it was kept.</returns>
    public bool TryPush(TItem item, int most = int.MaxValue)
    {
        lock (_lock)
        {
            if (_count >= most)
            {
                return false;
            }

            if (_count == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
            }

            _items[_count++] = item;
            return true;
        }
    }

    /// <summary>
    /// Drops the items unused since the previous trim, or all of them when <paramref name="all"/>, handing each to
    /// <paramref name="dropped"/> (which must not throw).
    /// </summary>
    /// <returns>How many were dropped.</returns>
    public int DropIdle(bool all, Action<TItem>? dropped = null)
    {
        lock (_lock)
        {
            int idle = all ? _count : _fewestSinceTrim;
            if (idle > 0)
            {
                if (dropped is not null)
                {
                    foreach (TItem? item in _items.AsSpan(0, idle))
                    {
                        dropped(item!);
                    }
                }

                _items.AsSpan(idle, _count - idle).CopyTo(_items);
                _items.AsSpan(_count - idle, idle).Clear();
                _count -= idle;
            }

            _fewestSinceTrim = _count;

            // A stack that grew for a wide pass shrinks with it, so its slots do not outlive its items; when even the
            // smaller slots cannot be had, the larger stay, and the items are dropped all the same.
            if (_items.Length > 4 && _count < _items.Length / 4)
            {
                try
                {
                    Array.Resize(ref _items, Math.Max(4, _items.Length / 2));
                }
                catch (OutOfMemoryException)
                {
                }
            }

            return idle;
        }
    }
}
