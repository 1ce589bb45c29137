using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.CodeAnalysis;
using Snakepit.Telemetry.Generators.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>
/// Reads YAML text into a <see cref="YamlNodeBase"/> tree with source spans, using YamlDotNet's low-level parser.
/// Unlike YamlDotNet's representation model it keeps duplicate keys (so they can be reported where they are)
/// and never throws: a syntax error comes back as a message and a place. Nothing is silently misread: a second
/// document, a tag (<c>!!binary</c>, <c>!Custom</c>) or nesting deeper than <see cref="MaxDepth"/> is an error at
/// its place, not ignored or followed into a stack overflow. Aliases share the node they refer to (never copied), so
/// an alias bomb costs what it is written with.
/// </summary>
internal static class YamlTreeReader
{
    /// <summary>How deep collections may nest; a catalog needs 6 levels, the rest is a mistake or an attack.</summary>
    public const int MaxDepth = 64;

    public sealed class Result
    {
        public Result(YamlNodeBase? root, string? error, SourceSpan errorSpan, DiagnosticDescriptor? unsupported = null)
        {
            Root = root;
            Error = error;
            ErrorSpan = errorSpan;
            Unsupported = unsupported;
        }

        /// <summary>
        /// For text or valid YAML that a catalog cannot use (a tag, a second document, deep nesting, NUL, bytes that
        /// were not UTF-8): the diagnostic, with <see cref="Error"/> its one argument. Null for a syntax error.
        /// </summary>
        public DiagnosticDescriptor? Unsupported { get; }

        public YamlNodeBase? Root { get; }

        public string? Error { get; }

        public SourceSpan ErrorSpan { get; }
    }

    public static Result Read(string text)
    {
        if (NotText(text) is { } problem)
        {
            return problem;
        }

        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, YamlNodeBase>(StringComparer.Ordinal);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return new Result(null, null, default);
            }

            parser.Consume<DocumentStart>();
            if (parser.Accept<DocumentEnd>(out _))
            {
                return new Result(null, null, default);
            }

            var root = ReadNode(parser, anchors, text, depth: 0);
            parser.Consume<DocumentEnd>();
            if (parser.Current is DocumentStart second)
            {
                throw new UnsupportedYamlException(second.Start, second.End, CatalogDiagnostics.SecondDocument, "");
            }

            return new Result(root, null, default);
        }
        catch (UnsupportedYamlException ex)
        {
            return new Result(null, ex.Argument, Span(ex.Start, ex.End, text), ex.Descriptor);
        }
        catch (YamlException ex)
        {
            return Explain(ex, text);
        }
        catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException)
        {
            // YamlDotNet reports some malformed input this way; it is still a syntax error of the catalog, located
            // where the parser stood.
            var at = parser.Current;
            return new Result(null, "the parser stopped here; look for an unclosed '[', '{' or quote before this place", at is null ? default : Span(at.Start, at.End, text));
        }
    }

    private static YamlNodeBase ReadNode(IParser parser, Dictionary<string, YamlNodeBase> anchors, string text, int depth)
    {
        if (parser.Current is NodeEvent { Tag.IsEmpty: false } tagged)
        {
            var written = Written(tagged.Tag.Value);
            throw new UnsupportedYamlException(tagged.Start, Advance(tagged.Start, written.Length, text), CatalogDiagnostics.YamlTag, written);
        }

        if (depth > MaxDepth)
        {
            var deep = parser.Current;
            throw new UnsupportedYamlException(deep?.Start ?? Mark.Empty, deep?.End ?? Mark.Empty, CatalogDiagnostics.NestedTooDeep, MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target;
            }

            throw new YamlException(alias.Start, alias.End, $"The alias '*{alias.Value.Value}' refers to no anchor defined before it.");
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var node = new YamlScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, Span(scalar.Start, scalar.End, text));
            Remember(anchors, scalar.Anchor, node);
            return node;
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var items = new List<YamlNodeBase>();
            while (!parser.Accept<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, anchors, text, depth + 1));
            }

            var end = parser.Consume<SequenceEnd>();
            var node = new YamlSequence(items, Span(sequenceStart.Start, FlowEnd(end.End, text, ']'), text));
            Remember(anchors, sequenceStart.Anchor, node);
            return node;
        }

        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            var entries = new List<KeyValuePair<YamlScalar, YamlNodeBase>>();
            while (!parser.Accept<MappingEnd>(out _))
            {
                var keyNode = ReadNode(parser, anchors, text, depth + 1);
                var valueNode = ReadNode(parser, anchors, text, depth + 1);
                if (keyNode is not YamlScalar key)
                {
                    throw new YamlException(
                        ToMark(keyNode.Span, start: true),
                        ToMark(keyNode.Span, start: false),
                        "A mapping key must be a plain name, not a list or a mapping.");
                }

                entries.Add(new KeyValuePair<YamlScalar, YamlNodeBase>(key, valueNode));
            }

            var end = parser.Consume<MappingEnd>();
            var node = new YamlMapping(entries, Span(mappingStart.Start, FlowEnd(end.End, text, '}'), text));
            Remember(anchors, mappingStart.Anchor, node);
            return node;
        }

        var unexpected = parser.Current;
        throw new YamlException(
            unexpected?.Start ?? Mark.Empty,
            unexpected?.End ?? Mark.Empty,
            "Unexpected YAML content.");
    }

    /// <summary>
    /// Text that is not a catalog whatever its YAML: a NUL (a binary or UTF-16 file read as UTF-8) or U+FFFD (bytes
    /// that were not valid UTF-8, replaced when the file was decoded): reported at the first one, never read on.
    /// </summary>
    private static Result? NotText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var descriptor = text[i] switch
            {
                '\0' => CatalogDiagnostics.NulCharacter,
                '\uFFFD' => CatalogDiagnostics.NotUtf8,
                _ => null,
            };
            if (descriptor is not null)
            {
                var start = Mark.Empty;
                var line = 1;
                var lineStart = 0;
                for (var j = 0; j < i; j++)
                {
                    if (text[j] == '\n')
                    {
                        line++;
                        lineStart = j + 1;
                    }
                }

                var at = new Mark(i, line, i - lineStart + 1);
                return new Result(null, "", Span(at, new Mark(i + 1, line, i - lineStart + 2), text), descriptor);
            }
        }

        return null;
    }

    /// <summary>A syntax error with its place, and a hint where YamlDotNet's message leaves the reader guessing.</summary>
    private static Result Explain(YamlException ex, string text)
    {
        var message = CleanMessage(ex);
        var span = Span(ex.Start, ex.End, text);
        if (message.IndexOf("tab", StringComparison.OrdinalIgnoreCase) >= 0 && FirstIndentingTab(text) is { } tab)
        {
            // YamlDotNet places this error at the mapping that contains the tab; the tab itself is more useful.
            span = tab;
            message = "a tab indents this line; YAML indents with spaces only";
        }
        else if (ex.Start.Column > 1024)
        {
            message = message.TrimEnd('.') + " (a YAML key, such as an event or field name, may be at most 1024 characters long)";
        }

        return new Result(null, message, span);
    }

    private static SourceSpan? FirstIndentingTab(string text)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if (c == '\t' && text.Substring(lineStart, i - lineStart).Trim(' ', '\t').Length == 0)
            {
                return new SourceSpan(i, i + 1, line, i - lineStart, line, i - lineStart + 1);
            }
        }

        return null;
    }

    /// <summary>A tag as written: YAML's standard tags in their short form (<c>!!binary</c>).</summary>
    private static string Written(string tag)
    {
        const string Standard = "tag:yaml.org,2002:";
        return tag.StartsWith(Standard, StringComparison.Ordinal) ? "!!" + tag.Substring(Standard.Length) : tag;
    }

    /// <summary>The mark <paramref name="length"/> characters after <paramref name="start"/> on its line.</summary>
    private static Mark Advance(Mark start, int length, string text)
    {
        var end = Math.Min(text.Length, (int)start.Index + length);
        return new Mark(end, start.Line, start.Column + (end - start.Index));
    }

    private static void Remember(Dictionary<string, YamlNodeBase> anchors, AnchorName anchor, YamlNodeBase node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    private static Mark ToMark(SourceSpan span, bool start) =>
        start
            ? new Mark(span.Start, span.StartLine + 1, span.StartColumn + 1)
            : new Mark(span.End, span.EndLine + 1, span.EndColumn + 1);

    private static string CleanMessage(YamlException ex)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (...): "; the location is the diagnostic's own.
        var message = ex.Message;
        var marker = "): ";
        var index = message.StartsWith("(", StringComparison.Ordinal) ? message.IndexOf(marker, StringComparison.Ordinal) : -1;
        return index >= 0 ? message.Substring(index + marker.Length) : message;
    }

    /// <summary>YamlDotNet ends a flow collection before its closing bracket; a diagnostic covers the bracket too.</summary>
    private static Mark FlowEnd(Mark end, string text, char close) =>
        end.Index >= 0 && end.Index < text.Length && text[(int)end.Index] == close
            ? new Mark(end.Index + 1, end.Line, end.Column + 1)
            : end;

    internal static SourceSpan Span(Mark start, Mark end, string text)
    {
        var startIndex = Clamp((int)start.Index, text.Length);
        var endIndex = Clamp((int)end.Index, text.Length);
        var startLine = Math.Max(0, (int)start.Line - 1);
        var startColumn = Math.Max(0, (int)start.Column - 1);
        var endLine = Math.Max(0, (int)end.Line - 1);
        var endColumn = Math.Max(0, (int)end.Column - 1);
        if (endIndex < startIndex)
        {
            endIndex = startIndex;
            endLine = startLine;
            endColumn = startColumn;
        }

        return new SourceSpan(startIndex, endIndex, startLine, startColumn, endLine, endColumn);
    }

    private static int Clamp(int value, int max) => value < 0 ? 0 : value > max ? max : value;
}
