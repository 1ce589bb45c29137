using System;
using System.Collections;

namespace Snakepit.Telemetry.TestCases;

/// <summary>
/// An exception whose members are as hostile as user code may make them: its <c>Message</c> formats lazily and fails,
/// its <c>ToString</c>, <c>StackTrace</c>, <c>Data</c> and <c>Source</c> throw. The runtime must report it without
/// reading any of them unguarded.
/// </summary>
internal sealed class HostileException : Exception
{
    public override string Message => throw new ObjectDisposedException("lazy-message", "the resource the message was formatted from is gone");

    public override string? StackTrace => throw new InvalidOperationException("no stack trace for you");

    public override IDictionary Data => throw new NotSupportedException("no data for you");

    public override string? Source
    {
        get => throw new InvalidOperationException("no source for you");
        set => throw new InvalidOperationException("no source for you");
    }

    public override string ToString() => throw new FormatException("ToString failed too");
}
