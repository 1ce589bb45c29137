using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Snakepit.Telemetry.Generators.Emitting;

/// <summary>
/// Writes indented JSON (two spaces, <c>\n</c> line ends) for the generated dashboards: the generator targets
/// netstandard2.0 and loads nothing but YamlDotNet, so it has no System.Text.Json. Deterministic: the same calls give
/// the same bytes.
/// </summary>
internal sealed class JsonTextWriter
{
    private readonly StringBuilder _text = new();
    private readonly Stack<bool> _hasItems = new();
    private bool _afterName;

    public JsonTextWriter StartObject() => Open('{');

    public JsonTextWriter EndObject() => Close('}');

    public JsonTextWriter StartArray() => Open('[');

    public JsonTextWriter EndArray() => Close(']');

    /// <summary>The name of the next value in the current object.</summary>
    public JsonTextWriter Name(string name)
    {
        BeforeValue();
        Quote(name);
        _text.Append(": ");
        _afterName = true;
        return this;
    }

    public JsonTextWriter String(string value)
    {
        BeforeValue();
        Quote(value);
        return this;
    }

    public JsonTextWriter Number(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "JSON has no NaN or infinity.");
        }

        BeforeValue();
        _text.Append(value.ToString("R", CultureInfo.InvariantCulture));
        return this;
    }

    public JsonTextWriter Bool(bool value)
    {
        BeforeValue();
        _text.Append(value ? "true" : "false");
        return this;
    }

    public JsonTextWriter Property(string name, string value) => Name(name).String(value);

    public JsonTextWriter Property(string name, double value) => Name(name).Number(value);

    public JsonTextWriter Property(string name, bool value) => Name(name).Bool(value);

    /// <summary>The document, with a final line end.</summary>
    public override string ToString() => _hasItems.Count == 0 ? _text.ToString() + "\n" : throw new InvalidOperationException("The JSON document is not closed.");

    private JsonTextWriter Open(char bracket)
    {
        BeforeValue();
        _text.Append(bracket);
        _hasItems.Push(false);
        return this;
    }

    private JsonTextWriter Close(char bracket)
    {
        var hadItems = _hasItems.Pop();
        if (hadItems)
        {
            NewLine();
        }

        _text.Append(bracket);
        return this;
    }

    private void BeforeValue()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }

        if (_hasItems.Count == 0)
        {
            return;
        }

        if (_hasItems.Pop())
        {
            _text.Append(',');
        }

        _hasItems.Push(true);
        NewLine();
    }

    private void NewLine() => _text.Append('\n').Append(' ', _hasItems.Count * 2);

    private void Quote(string value)
    {
        _text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': _text.Append("\\\""); break;
                case '\\': _text.Append("\\\\"); break;
                case '\n': _text.Append("\\n"); break;
                case '\r': _text.Append("\\r"); break;
                case '\t': _text.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        _text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        _text.Append(c);
                    }

                    break;
            }
        }

        _text.Append('"');
    }
}
