using System;

namespace Snakepit.Telemetry.Dispatch;

/// <summary>
/// What one thread is dispatching right now, in thread-static fields: whether the innermost emit went past the depth
/// limit (<see cref="DispatchDepth"/> counts the nesting), and, on a background worker's thread, which worker it is and
/// how many background hops led to the event it handles. Used to stop runaway recursion before it ends the process.
/// </summary>
internal static class DispatchContext
{
    /// <summary>
    /// How deeply dispatch may nest on one thread, and how long a chain of background hops (a background handler
    /// emitting an event for a background handler, itself or another, ...) may grow, before the handler doing it is
    /// detached as failed.
    /// </summary>
    public const int MaxDepth = 32;

    /// <summary>Set by an emit refused for its depth; the dispatch that called the emitting handler fails that handler.</summary>
    [ThreadStatic]
    public static string? OverflowedEvent;

    /// <summary>On a background worker's thread, the worker; null elsewhere.</summary>
    [ThreadStatic]
    public static BackgroundWorker? Worker;

    /// <summary>On a background worker's thread, how many background hops (handler to queue) led to the event being handled.</summary>
    [ThreadStatic]
    public static int Generation;
}
