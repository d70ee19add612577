namespace Alimentar.Storage;

/// <summary>
/// ZeroMQ's Base85 (Z85), in which Delta Lake writes a deletion vector's file id and an inline deletion vector:
/// five characters of an 85-letter alphabet stand for four bytes, most significant first.
/// </summary>
internal static class Z85
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

    private static readonly sbyte[] Digits = BuildDigits();

    /// <summary>The bytes <paramref name="text"/> stands for; false when it is not Z85 (a length not a multiple of five, a letter outside the alphabet, a group beyond 32 bits).</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 5 != 0)
        {
            return false;
        }

        byte[] decoded = new byte[text.Length / 5 * 4];
        for (int group = 0; group < text.Length / 5; group++)
        {
            ulong value = 0;
            foreach (char letter in text.Slice(group * 5, 5))
            {
                int digit = letter < Digits.Length ? Digits[letter] : -1;
                if (digit < 0)
                {
                    return false;
                }

                value = (value * 85) + (ulong)digit;
            }

            if (value > uint.MaxValue)
            {
                return false;
            }

            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(decoded.AsSpan(group * 4), (uint)value);
        }

        bytes = decoded;
        return true;
    }

    private static sbyte[] BuildDigits()
    {
        sbyte[] digits = new sbyte[128];
        Array.Fill(digits, (sbyte)-1);
        for (int i = 0; i < Alphabet.Length; i++)
        {
            digits[Alphabet[i]] = (sbyte)i;
        }

        return digits;
    }
}
