using System;

namespace Snakepit.Telemetry;

/// <summary>
/// Marks a parameter that takes an event name or pattern, so that analyzers check the string against the catalogs
/// the compilation sees (SNK006).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class EventNameAttribute : Attribute
{
    /// <summary>Whether a bare prefix (<c>snakepit.python</c>) is accepted besides names and patterns.</summary>
    public bool Prefix { get; set; }
}
