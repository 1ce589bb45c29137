using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace Snakepit.Telemetry.Tests;

/// <summary>One log entry: level, message, and the structured fields the message template named.</summary>
public sealed record LogEntry(LogLevel Level, string Category, string Message, IReadOnlyDictionary<string, object?> Fields, Exception? Exception);

/// <summary>Keeps every log entry of every logger it makes, for assertions on what a host logged.</summary>
public sealed class ListLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    /// <summary>Formats each logged exception with <c>ToString</c>, as the console and file providers do.</summary>
    public bool FormatsExceptions { get; init; }

    public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class ListLogger : ILogger
    {
        private readonly ListLoggerProvider _provider;
        private readonly string _category;

        public ListLogger(ListLoggerProvider provider, string category)
        {
            _provider = provider;
            _category = category;
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (_provider.FormatsExceptions)
            {
                _ = exception?.ToString();
            }

            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value)
                : new Dictionary<string, object?>();
            _provider.Entries.Enqueue(new LogEntry(logLevel, _category, formatter(state, exception), fields, exception));
        }
    }
}
