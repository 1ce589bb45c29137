using System.Text;

namespace Snakepit.Telemetry.Generators.Emitting;

/// <summary>A small indenting text writer for generated C#; always writes '\n' line ends for deterministic output.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
            _builder.Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes the line unless it is empty (for optional attributes).</summary>
    public SourceWriter LineIfAny(string text) => text.Length == 0 ? this : Line(text);

    public SourceWriter Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Indents the following lines one level more (a <c>case</c> body), until <see cref="Outdent"/>.</summary>
    public SourceWriter Indent()
    {
        _indent++;
        return this;
    }

    public SourceWriter Outdent()
    {
        _indent--;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    /// <summary>Writes the lines of an XML doc comment summary, escaping the text.</summary>
    public SourceWriter Summary(string text)
    {
        Line("/// <summary>");
        foreach (var line in Xml(text).Split('\n'))
        {
            Line("/// " + line.TrimEnd());
        }

        Line("/// </summary>");
        return this;
    }

    public SourceWriter Doc(string tag, string innerXml) => Line($"/// <{tag}>{innerXml}</{tag.Split(' ')[0]}>");

    public static string Xml(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\r\n", "\n").Trim();

    public static string Literal(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4"));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
        return builder.ToString();
    }

    public override string ToString() => _builder.ToString();
}
