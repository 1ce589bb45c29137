using System;
using System.Collections.Generic;
using System.IO;
using Snakepit.Telemetry.Generators.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>
/// Reads YAML text into a <see cref="YamlNodeBase"/> tree with source spans, using YamlDotNet's low-level parser.
/// Unlike YamlDotNet's representation model it keeps duplicate keys (so they can be reported where they are)
/// and never throws: a syntax error comes back as a message and a place.
/// </summary>
internal static class YamlTreeReader
{
    public sealed class Result
    {
        public Result(YamlNodeBase? root, string? error, SourceSpan errorSpan)
        {
            Root = root;
            Error = error;
            ErrorSpan = errorSpan;
        }

        public YamlNodeBase? Root { get; }

        public string? Error { get; }

        public SourceSpan ErrorSpan { get; }
    }

    public static Result Read(string text)
    {
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

            var root = ReadNode(parser, anchors, text);
            return new Result(root, null, default);
        }
        catch (YamlException ex)
        {
            return new Result(null, CleanMessage(ex), Span(ex.Start, ex.End, text));
        }
        catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException)
        {
            // YamlDotNet reports some malformed input this way; it is still a syntax error of the catalog.
            return new Result(null, ex.Message, default);
        }
    }

    private static YamlNodeBase ReadNode(IParser parser, Dictionary<string, YamlNodeBase> anchors, string text)
    {
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
                items.Add(ReadNode(parser, anchors, text));
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
                var keyNode = ReadNode(parser, anchors, text);
                var valueNode = ReadNode(parser, anchors, text);
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
