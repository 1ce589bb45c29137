using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Snakepit.Telemetry.Shared;

/// <summary>
/// The well-known types the generators and analyzers look for, each named once here (Snakepit's through
/// <see cref="WellKnownTypeNames"/>) and resolved from one compilation with <c>Compilation.GetTypeByMetadataName</c>, as
/// System.Text.Json's KnownTypeSymbols does: a rule compares symbols, never display strings. Each type is resolved on
/// first use and kept for the compilation (an analyzer makes one per compilation, in its compilation start action; the
/// wiring generator one per call, from the semantic model's compilation, and keeps no symbol in its pipeline models).
/// A property is null where the compilation does not see the type. Safe to share between threads: two threads may both
/// resolve a type first, to the same symbol.
/// </summary>
internal sealed class TelemetrySymbols
{
    private static readonly object Missing = new();

    private readonly Compilation _compilation;

    private object? _hub, _builder, _telemetryEvent, _telemetryHandler, _handlerFailure, _handlerAttribute, _onEventAttribute,
        _handlerInterfaceAttribute, _eventNameAttribute, _catalogAttribute, _emitterAttribute, _highCardinalityAttribute;

    private object? _blockingCollection, _channelWriter, _threadingTimer, _timersTimer, _task, _taskOfT, _taskFactory, _taskFactoryOfT, _threadPool,
        _parallel, _enumerable, _convert, _jsonSerializer, _configuredTaskAwaitable, _configuredTaskAwaitableOfT,
        _configuredValueTaskAwaitable, _configuredValueTaskAwaitableOfT,
        _controllerBase, _controller;

    private object? _list, _dictionary, _hashSet, _queue, _stack, _linkedList, _sortedDictionary, _sortedList, _sortedSet,
        _concurrentDictionary, _concurrentQueue, _concurrentBag, _concurrentStack, _stringBuilder, _iDictionary, _iReadOnlyDictionary;

    private object? _exception, _argumentException, _formatException, _overflowException, _invalidOperationException,
        _invalidCastException, _keyNotFoundException, _jsonException;

    private INamedTypeSymbol[]? _growableCollections;

    private TelemetrySymbols(Compilation compilation) => _compilation = compilation;

    /// <summary>The well-known types of <paramref name="compilation"/>, resolved as they are asked for.</summary>
    public static TelemetrySymbols Create(Compilation compilation) => new(compilation);

    // Snakepit.Telemetry

    public INamedTypeSymbol? Hub => Resolve(ref _hub, WellKnownTypeNames.TelemetryHub);

    public INamedTypeSymbol? Builder => Resolve(ref _builder, WellKnownTypeNames.TelemetryHandlerBuilder);

    public INamedTypeSymbol? TelemetryEvent => Resolve(ref _telemetryEvent, WellKnownTypeNames.TelemetryEvent);

    public INamedTypeSymbol? TelemetryHandler => Resolve(ref _telemetryHandler, WellKnownTypeNames.TelemetryHandler);

    public INamedTypeSymbol? TelemetryHandlerFailure => Resolve(ref _handlerFailure, WellKnownTypeNames.TelemetryHandlerFailure);

    public INamedTypeSymbol? TelemetryHandlerAttribute => Resolve(ref _handlerAttribute, WellKnownTypeNames.TelemetryHandlerAttribute);

    public INamedTypeSymbol? OnEventAttribute => Resolve(ref _onEventAttribute, WellKnownTypeNames.OnEventAttribute);

    public INamedTypeSymbol? HandlerInterfaceAttribute => Resolve(ref _handlerInterfaceAttribute, WellKnownTypeNames.HandlerInterfaceAttribute);

    public INamedTypeSymbol? EventNameAttribute => Resolve(ref _eventNameAttribute, WellKnownTypeNames.EventNameAttribute);

    public INamedTypeSymbol? CatalogAttribute => Resolve(ref _catalogAttribute, WellKnownTypeNames.CatalogAttribute);

    public INamedTypeSymbol? EmitterAttribute => Resolve(ref _emitterAttribute, WellKnownTypeNames.EmitterAttribute);

    public INamedTypeSymbol? HighCardinalityAttribute => Resolve(ref _highCardinalityAttribute, WellKnownTypeNames.HighCardinalityAttribute);

    // Threads, tasks, timers, framework calls the rules recognize

    public INamedTypeSymbol? BlockingCollection => Resolve(ref _blockingCollection, "System.Collections.Concurrent.BlockingCollection`1");

    public INamedTypeSymbol? ChannelWriter => Resolve(ref _channelWriter, "System.Threading.Channels.ChannelWriter`1");

    public INamedTypeSymbol? ThreadingTimer => Resolve(ref _threadingTimer, "System.Threading.Timer");

    public INamedTypeSymbol? TimersTimer => Resolve(ref _timersTimer, "System.Timers.Timer");

    public INamedTypeSymbol? Task => Resolve(ref _task, "System.Threading.Tasks.Task");

    public INamedTypeSymbol? TaskOfT => Resolve(ref _taskOfT, "System.Threading.Tasks.Task`1");

    public INamedTypeSymbol? TaskFactory => Resolve(ref _taskFactory, "System.Threading.Tasks.TaskFactory");

    public INamedTypeSymbol? TaskFactoryOfT => Resolve(ref _taskFactoryOfT, "System.Threading.Tasks.TaskFactory`1");

    public INamedTypeSymbol? ThreadPool => Resolve(ref _threadPool, "System.Threading.ThreadPool");

    public INamedTypeSymbol? Parallel => Resolve(ref _parallel, "System.Threading.Tasks.Parallel");

    public INamedTypeSymbol? Enumerable => Resolve(ref _enumerable, "System.Linq.Enumerable");

    public INamedTypeSymbol? Convert => Resolve(ref _convert, "System.Convert");

    public INamedTypeSymbol? JsonSerializer => Resolve(ref _jsonSerializer, "System.Text.Json.JsonSerializer");

    public INamedTypeSymbol? ConfiguredTaskAwaitable => Resolve(ref _configuredTaskAwaitable, "System.Runtime.CompilerServices.ConfiguredTaskAwaitable");

    public INamedTypeSymbol? ConfiguredTaskAwaitableOfT => Resolve(ref _configuredTaskAwaitableOfT, "System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1");

    public INamedTypeSymbol? ConfiguredValueTaskAwaitable => Resolve(ref _configuredValueTaskAwaitable, "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable");

    public INamedTypeSymbol? ConfiguredValueTaskAwaitableOfT => Resolve(ref _configuredValueTaskAwaitableOfT, "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1");

    public INamedTypeSymbol? ControllerBase => Resolve(ref _controllerBase, "Microsoft.AspNetCore.Mvc.ControllerBase");

    public INamedTypeSymbol? Controller => Resolve(ref _controller, "Microsoft.AspNetCore.Mvc.Controller");

    // Collections

    public INamedTypeSymbol? List => Resolve(ref _list, "System.Collections.Generic.List`1");

    public INamedTypeSymbol? Dictionary => Resolve(ref _dictionary, "System.Collections.Generic.Dictionary`2");

    public INamedTypeSymbol? HashSet => Resolve(ref _hashSet, "System.Collections.Generic.HashSet`1");

    public INamedTypeSymbol? SortedDictionary => Resolve(ref _sortedDictionary, "System.Collections.Generic.SortedDictionary`2");

    public INamedTypeSymbol? SortedList => Resolve(ref _sortedList, "System.Collections.Generic.SortedList`2");

    public INamedTypeSymbol? SortedSet => Resolve(ref _sortedSet, "System.Collections.Generic.SortedSet`1");

    public INamedTypeSymbol? ConcurrentDictionary => Resolve(ref _concurrentDictionary, "System.Collections.Concurrent.ConcurrentDictionary`2");

    public INamedTypeSymbol? IDictionary => Resolve(ref _iDictionary, "System.Collections.Generic.IDictionary`2");

    public INamedTypeSymbol? IReadOnlyDictionary => Resolve(ref _iReadOnlyDictionary, "System.Collections.Generic.IReadOnlyDictionary`2");

    /// <summary>The collections (and StringBuilder) that grow without bound unless something removes from them.</summary>
    public INamedTypeSymbol[] GrowableCollections
    {
        get
        {
            var value = Volatile.Read(ref _growableCollections);
            if (value is null)
            {
                value = new[]
                    {
                        List, Dictionary, HashSet,
                        Resolve(ref _queue, "System.Collections.Generic.Queue`1"),
                        Resolve(ref _stack, "System.Collections.Generic.Stack`1"),
                        Resolve(ref _linkedList, "System.Collections.Generic.LinkedList`1"),
                        SortedDictionary, SortedList, SortedSet, ConcurrentDictionary,
                        Resolve(ref _concurrentQueue, "System.Collections.Concurrent.ConcurrentQueue`1"),
                        Resolve(ref _concurrentBag, "System.Collections.Concurrent.ConcurrentBag`1"),
                        Resolve(ref _concurrentStack, "System.Collections.Concurrent.ConcurrentStack`1"),
                        Resolve(ref _stringBuilder, "System.Text.StringBuilder"),
                    }
                    .Where(t => t is not null)
                    .Select(t => t!)
                    .ToArray();
                Volatile.Write(ref _growableCollections, value);
            }

            return value;
        }
    }

    // Exceptions the rules name

    public INamedTypeSymbol? Exception => Resolve(ref _exception, "System.Exception");

    public INamedTypeSymbol? ArgumentException => Resolve(ref _argumentException, "System.ArgumentException");

    public INamedTypeSymbol? FormatException => Resolve(ref _formatException, "System.FormatException");

    public INamedTypeSymbol? OverflowException => Resolve(ref _overflowException, "System.OverflowException");

    public INamedTypeSymbol? InvalidOperationException => Resolve(ref _invalidOperationException, "System.InvalidOperationException");

    public INamedTypeSymbol? InvalidCastException => Resolve(ref _invalidCastException, "System.InvalidCastException");

    public INamedTypeSymbol? KeyNotFoundException => Resolve(ref _keyNotFoundException, "System.Collections.Generic.KeyNotFoundException");

    public INamedTypeSymbol? JsonException => Resolve(ref _jsonException, "System.Text.Json.JsonException");

    /// <summary>Whether <paramref name="type"/> is <paramref name="expected"/> (any construction of it, for a generic type).</summary>
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

    /// <summary>Whether <paramref name="type"/> is one of <paramref name="expected"/> (any construction of it).</summary>
    public static bool IsAny(ITypeSymbol? type, params INamedTypeSymbol?[] expected)
    {
        foreach (var candidate in expected)
        {
            if (Is(type, candidate))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="attribute"/> is an application of <paramref name="attributeClass"/>.</summary>
    public static bool IsAttribute(AttributeData attribute, INamedTypeSymbol? attributeClass) =>
        attributeClass is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeClass);

    /// <summary>The first <paramref name="attribute"/> on <paramref name="symbol"/>, or null.</summary>
    public static AttributeData? Attribute(ISymbol symbol, INamedTypeSymbol? attribute) =>
        attribute is null ? null : symbol.GetAttributes().FirstOrDefault(a => IsAttribute(a, attribute));

    private INamedTypeSymbol? Resolve(ref object? slot, string metadataName)
    {
        var value = Volatile.Read(ref slot);
        if (value is null)
        {
            value = (object?)_compilation.GetTypeByMetadataName(metadataName) ?? Missing;
            Volatile.Write(ref slot, value);
        }

        return value as INamedTypeSymbol;
    }
}
