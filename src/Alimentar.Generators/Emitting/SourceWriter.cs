using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Alimentar.Generators.Emitting
{
    /// <summary>Builds source text line by line with four-space indentation.</summary>
    internal sealed class SourceWriter
    {
        /// <summary>How long an expression may grow on one line before its arguments take a line each.</summary>
        private const int WrapWidth = 80;

        private readonly StringBuilder _text = new();
        private int _indent;

        /// <summary>Appends <paramref name="line"/> at the current indentation; each line of a wrapped expression keeps its own indentation under it.</summary>
        public SourceWriter Line(string line = "")
        {
            int start = 0;
            for (int end; (end = line.IndexOf('\n', start)) >= 0; start = end + 1)
            {
                Append(line, start, end - start);
            }

            Append(line, start, line.Length - start);
            return this;
        }

        private void Append(string line, int start, int length)
        {
            if (length > 0)
            {
                _text.Append(' ', _indent * 4);
            }

            _text.Append(line, start, length).Append('\n');
        }

        /// <summary>A call or constructor on one line while that stays short, otherwise one argument a line, indented under it.</summary>
        public static string Call(string callee, IReadOnlyList<string> arguments) =>
            Fits(callee, arguments)
                ? callee + "(" + string.Join(", ", arguments) + ")"
                : callee + "(\n" + string.Join(",\n", arguments.Select(Indented)) + ")";

        /// <summary>An object initializer after a constructor: on its line while that stays short, otherwise a block of one assignment a line.</summary>
        public static string Initializer(string construct, IReadOnlyList<string> assignments) =>
            Fits(construct, assignments) ? construct + " { " + string.Join(", ", assignments) + " }" : Block(construct, assignments);

        /// <summary><paramref name="head"/>, then its items in braces, one a line, each followed by a comma.</summary>
        public static string Block(string head, IEnumerable<string> items) =>
            head + "\n{\n" + string.Join("\n", items.Select(item => Indented(item) + ",")) + "\n}";

        /// <summary>A lambda's head and body on one line while that stays short, otherwise its body on the next lines, indented under the head.</summary>
        public static string Lambda(string head, string body) =>
            Fits(head, [body]) ? head + " " + body : head + "\n" + Indented(body);

        private static bool Fits(string head, IReadOnlyList<string> items) =>
            head.IndexOf('\n') < 0 && items.All(item => item.IndexOf('\n') < 0) && head.Length + items.Sum(item => item.Length + 2) <= WrapWidth;

        /// <summary>Every line of <paramref name="text"/> one level further in.</summary>
        public static string Indented(string text) => "    " + text.Replace("\n", "\n    ");

        public SourceWriter Open(string line)
        {
            Line(line);
            Line("{");
            _indent++;
            return this;
        }

        public SourceWriter Close(string suffix = "")
        {
            _indent--;
            return Line("}" + suffix);
        }

        public override string ToString() => _text.ToString();
    }
}
