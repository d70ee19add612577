using System.Buffers.Binary;
using Alimentar.Arrow;
using Alimentar.Testing;

namespace Alimentar.IntegrationTests;

/// <summary>A message's <c>Message</c> table, read once for planning a pass and for every check before Arrow's reader.</summary>
public sealed class ArrowMessageTests
{
    [Fact]
    public void Each_message_of_a_stream_from_another_writer_reads_as_its_kind_body_rows_and_dictionary_delta()
    {
        byte[] stream = File.ReadAllBytes(Path.Combine(TestCorpus.OtherWritersDirectory, "arrow-js", "delta-dictionary.arrows"));

        var messages = new List<ArrowMessage>();
        int at = 0;
        for (int length; (length = BinaryPrimitives.ReadInt32LittleEndian(stream.AsSpan(at + 4))) > 0;)
        {
            ArrowMessage message = ArrowMessage.Read(stream[(at + 8)..(at + 8 + length)], at);
            messages.Add(message);
            at += 8 + length + (int)message.BodyLength;
        }

        Assert.Equal(stream.Length - 8, at);
        Assert.Equal(
            [ArrowMessage.SchemaHeader, ArrowMessage.DictionaryBatchHeader, ArrowMessage.RecordBatchHeader, ArrowMessage.DictionaryBatchHeader, ArrowMessage.RecordBatchHeader],
            messages.Select(m => m.Header));
        Assert.Equal([0L, 0, 2, 0, 3], messages.Select(m => m.Rows));
        Assert.Equal([false, false, false, true, false], messages.Select(m => m.IsDelta));
        Assert.Equal([false, true, false, true, false], messages.Select(m => m.IsDictionary));
        Assert.Equal([false, true, true, true, true], messages.Select(m => m.BatchTable is not null));
    }

    [Fact]
    public void Metadata_that_is_not_a_message_is_refused_naming_its_offset()
    {
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => ArrowMessage.Read([0xFF, 0xFF, 0xFF, 0x7F], 96));

        Assert.Contains("the message at offset 96 has metadata that is not a flatbuffer Message", error.Message, StringComparison.Ordinal);
    }
}
