using System;

namespace Snakepit.Telemetry;

/// <summary>
/// Marks a generated payload property whose catalog field has <c>cardinality: high</c> (ids and the like): a value
/// per request or session, so unfit as a dictionary key kept for the life of a handler or as a metric tag (SNK004).
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class HighCardinalityAttribute : Attribute
{
}
