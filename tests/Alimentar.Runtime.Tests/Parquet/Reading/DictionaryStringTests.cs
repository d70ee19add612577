using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using Alimentar.Binding;
using Alimentar.Parquet.Reading.Encodings;

namespace Alimentar.Runtime.Tests;

/// <summary>
/// A dictionary's strings: an entry used once is handed out and not kept, so the chunk's dictionary does not hold
/// every text it decoded alive; an entry used again is kept and shared by every later row.
/// </summary>
public sealed class DictionaryStringTests
{
    // Longer than the string pool keeps, so only the dictionary could keep these alive or share them.
    private static readonly string[] Texts = [new string('a', 300), new string('b', 300) + "é", new string('c', 300)];

    [Fact]
    public void Each_use_hands_out_the_entry_text()
    {
        using ColumnDictionary dictionary = Load(Texts);
        var pool = new StringPool();

        for (int use = 0; use < 3; use++)
        {
            Assert.Equal(Texts, Enumerable.Range(0, Texts.Length).Select(i => dictionary.String(i, pool)));
        }
    }

    [Fact]
    public void An_entry_used_once_is_not_kept_alive_by_its_dictionary()
    {
        using ColumnDictionary dictionary = Load(Texts);
        var pool = new StringPool();

        WeakReference handedOut = UseOnce(dictionary, pool, 1);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(handedOut.IsAlive);
        GC.KeepAlive(dictionary);
    }

    [Fact]
    public void An_entry_used_again_is_shared_from_its_second_use()
    {
        using ColumnDictionary dictionary = Load(Texts);
        var pool = new StringPool();

        string first = dictionary.String(2, pool);
        string second = dictionary.String(2, pool);
        string third = dictionary.String(2, pool);
        string fourth = dictionary.String(2, pool);

        Assert.Equal(first, second);
        Assert.Same(second, third);
        Assert.Same(second, fourth);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference UseOnce(ColumnDictionary dictionary, StringPool pool, int index) =>
        new(dictionary.String(index, pool));

    private static ColumnDictionary Load(string[] texts)
    {
        var page = new List<byte>();
        foreach (string text in texts)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(text);
            byte[] length = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(length, utf8.Length);
            page.AddRange(length);
            page.AddRange(utf8);
        }

        return ColumnDictionary.Load([.. page], texts.Length, PhysicalType.ByteArray, 0);
    }
}
