namespace Alimentar.Runtime.Tests;

public sealed class Z85Tests
{
    [Fact]
    public void The_specification_s_example_decodes_and_what_the_test_encoder_writes_round_trips()
    {
        // ZeroMQ RFC 32's test vector.
        Assert.True(Z85.TryDecode("HelloWorld", out byte[] hello));
        Assert.Equal(new byte[] { 0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B }, hello);

        byte[] bytes = [.. Enumerable.Range(0, 256).Select(i => (byte)(i * 7))];
        Assert.True(Z85.TryDecode(DeletionVectorBytes.Z85(bytes), out byte[] decoded));
        Assert.Equal(bytes, decoded);
    }

    [Theory]
    [InlineData("HelloWorl")]
    [InlineData("Hello Worl")]
    [InlineData("Hell\u00e9World")]
    [InlineData("#####")]
    public void Text_that_is_not_Z85_is_refused(string text) => Assert.False(Z85.TryDecode(text, out _));
}
