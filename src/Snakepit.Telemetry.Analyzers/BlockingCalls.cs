using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Snakepit.Telemetry.Shared;

namespace Snakepit.Telemetry.Analyzers;

/// <summary>
/// The calls SNK001 reports, as documentation-comment IDs (the format of BannedSymbols.txt). An ID without a
/// parameter list covers every overload; <c>T:</c> covers every member of a type. Users add IDs in an AdditionalFile
/// named <c>SnakepitBlockingCalls.txt</c> (one per line, <c>ID;optional message</c>, <c>#</c> comments).
/// </summary>
internal sealed class BlockingCalls
{
    public const string FileName = "SnakepitBlockingCalls.txt";

    private static readonly string[] BuiltIn =
    {
        "M:System.Threading.Thread.Sleep",
        "M:System.Threading.Thread.Join",
        "M:System.Threading.Tasks.Task.Wait",
        "M:System.Threading.Tasks.Task.WaitAll",
        "M:System.Threading.Tasks.Task.WaitAny",
        "P:System.Threading.Tasks.Task`1.Result",
        "M:System.Runtime.CompilerServices.TaskAwaiter.GetResult",
        "M:System.Runtime.CompilerServices.TaskAwaiter`1.GetResult",
        "M:System.Runtime.CompilerServices.ValueTaskAwaiter.GetResult",
        "M:System.Runtime.CompilerServices.ValueTaskAwaiter`1.GetResult",
        "M:System.Runtime.CompilerServices.ConfiguredTaskAwaitable.ConfiguredTaskAwaiter.GetResult",
        "M:System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1.ConfiguredTaskAwaiter.GetResult",
        "M:System.Threading.WaitHandle.WaitOne",
        "M:System.Threading.WaitHandle.WaitAll",
        "M:System.Threading.WaitHandle.WaitAny",
        "M:System.Threading.Monitor.Wait",
        "M:System.Threading.SemaphoreSlim.Wait",
        "M:System.Threading.ManualResetEventSlim.Wait",
        "M:System.Threading.CountdownEvent.Wait",
        "M:System.Threading.Barrier.SignalAndWait",
        "M:System.Threading.SpinWait.SpinUntil",
        "M:System.Threading.Tasks.Parallel.For", "M:System.Threading.Tasks.Parallel.ForEach", "M:System.Threading.Tasks.Parallel.Invoke",
        "M:System.IO.File.ReadAllText", "M:System.IO.File.ReadAllLines", "M:System.IO.File.ReadAllBytes", "M:System.IO.File.ReadLines",
        "M:System.IO.File.WriteAllText", "M:System.IO.File.WriteAllLines", "M:System.IO.File.WriteAllBytes",
        "M:System.IO.File.AppendAllText", "M:System.IO.File.AppendAllLines", "M:System.IO.File.Copy", "M:System.IO.File.Move",
        "M:System.IO.File.Replace", "M:System.IO.File.Open", "M:System.IO.File.OpenRead", "M:System.IO.File.OpenWrite",
        "M:System.IO.File.OpenText", "M:System.IO.File.Create", "M:System.IO.File.CreateText", "M:System.IO.File.AppendText",
        "M:System.IO.Stream.Read", "M:System.IO.Stream.Write", "M:System.IO.Stream.Flush", "M:System.IO.Stream.CopyTo",
        "M:System.IO.Stream.ReadByte", "M:System.IO.Stream.WriteByte",
        "M:System.IO.StreamReader.ReadLine", "M:System.IO.StreamReader.ReadToEnd", "M:System.IO.StreamReader.Read",
        "M:System.IO.StreamWriter.Write", "M:System.IO.StreamWriter.WriteLine", "M:System.IO.StreamWriter.Flush",
        "M:System.Net.Sockets.Socket.Send", "M:System.Net.Sockets.Socket.Receive", "M:System.Net.Sockets.Socket.Connect",
        "M:System.Net.Sockets.Socket.Accept", "M:System.Net.Sockets.Socket.SendTo", "M:System.Net.Sockets.Socket.ReceiveFrom",
        "M:System.Net.Sockets.TcpClient.Connect", "M:System.Net.Sockets.UdpClient.Send", "M:System.Net.Sockets.UdpClient.Receive",
        "M:System.Net.Http.HttpClient.Send",
        "M:System.Net.WebClient.DownloadString", "M:System.Net.WebClient.DownloadData", "M:System.Net.WebClient.DownloadFile",
        "M:System.Net.WebClient.UploadString", "M:System.Net.WebClient.UploadData", "M:System.Net.WebClient.UploadFile",
        "M:System.Net.WebRequest.GetResponse", "M:System.Net.HttpWebRequest.GetResponse",
        "M:System.Net.Dns.GetHostEntry", "M:System.Net.Dns.GetHostAddresses",
        "M:System.Diagnostics.Process.WaitForExit",
        "M:System.Console.ReadLine", "M:System.Console.Read", "M:System.Console.ReadKey",
    };

    private readonly HashSet<string> _ids;

    private BlockingCalls(TelemetrySymbols symbols, IEnumerable<string> ids)
    {
        Symbols = symbols;
        _ids = new HashSet<string>(ids, StringComparer.Ordinal);
    }

    /// <summary>The compilation's resolved symbols, for the checks that need them (a bounded BlockingCollection).</summary>
    public TelemetrySymbols Symbols { get; }

    public static BlockingCalls Create(TelemetrySymbols symbols, AnalyzerOptions options, System.Threading.CancellationToken cancellationToken)
    {
        var ids = new List<string>(BuiltIn);
        foreach (var file in options.AdditionalFiles.Where(f => string.Equals(Path.GetFileName(f.Path), FileName, StringComparison.OrdinalIgnoreCase)))
        {
            var text = file.GetText(cancellationToken);
            if (text is null)
            {
                continue;
            }

            foreach (var line in text.Lines)
            {
                var entry = line.ToString().Split(';')[0].Trim();
                if (entry.Length > 2 && !entry.StartsWith("#", StringComparison.Ordinal) && entry[1] == ':')
                {
                    ids.Add(entry);
                }
            }
        }

        return new BlockingCalls(symbols, ids);
    }

    /// <summary>Whether calling <paramref name="member"/> (on a receiver of type <paramref name="receiverType"/>) blocks, and how to name it.</summary>
    public bool Blocks(ISymbol member, ITypeSymbol? receiverType, out string display)
    {
        display = member.ContainingType is null ? member.Name : member.ContainingType.Name + "." + member.Name;
        for (var current = member.OriginalDefinition; current is not null; current = Overridden(current)?.OriginalDefinition)
        {
            if (Matches(current))
            {
                display = current.ContainingType.Name + "." + current.Name;
                return true;
            }
        }

        // A method inherited by the receiver's type, such as StreamWriter.WriteLine declared on TextWriter.
        var prefix = member.Kind == SymbolKind.Property ? "P:" : "M:";
        for (var type = receiverType as INamedTypeSymbol; type is not null; type = type.BaseType)
        {
            var typeId = type.OriginalDefinition.GetDocumentationCommentId();
            if (typeId is not null && _ids.Contains(prefix + typeId.Substring(2) + "." + member.Name))
            {
                display = type.Name + "." + member.Name;
                return true;
            }
        }

        return false;
    }

    private bool Matches(ISymbol symbol)
    {
        var id = symbol.GetDocumentationCommentId();
        if (id is null)
        {
            return false;
        }

        if (_ids.Contains(id))
        {
            return true;
        }

        var paren = id.IndexOf('(');
        var name = paren > 0 ? id.Substring(0, paren) : id;
        var arity = name.IndexOf("``", StringComparison.Ordinal);
        if ((paren > 0 && _ids.Contains(name)) || (arity > 0 && _ids.Contains(name.Substring(0, arity))))
        {
            return true;
        }

        var typeId = symbol.ContainingType?.OriginalDefinition.GetDocumentationCommentId();
        return typeId is not null && _ids.Contains(typeId);
    }

    private static ISymbol? Overridden(ISymbol symbol) => symbol switch
    {
        IMethodSymbol method => method.OverriddenMethod,
        IPropertySymbol property => property.OverriddenProperty,
        _ => null,
    };
}
