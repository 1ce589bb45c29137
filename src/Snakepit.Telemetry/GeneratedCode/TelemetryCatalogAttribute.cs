using System.ComponentModel;
using System;

namespace Snakepit.Telemetry;

/// <summary>
/// Advertises a catalog compiled into an assembly: its name and its event payload types. The generator emits it for
/// every catalog, so that analyzers of projects referencing the assembly know its events across package boundaries.
/// Supports generated code; not meant to be used directly.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TelemetryCatalogAttribute : Attribute
{
    /// <summary>Declares the catalog <paramref name="catalogName"/> with its event payload types.</summary>
    public TelemetryCatalogAttribute(string catalogName, params Type[] eventTypes)
    {
        CatalogName = catalogName;
        EventTypes = eventTypes;
    }

    /// <summary>The catalog name, the first segment of its event names (<c>snakepit</c>).</summary>
    public string CatalogName { get; }

    /// <summary>The payload types of the catalog's events; each has a <c>const string Name</c>.</summary>
    public Type[] EventTypes { get; }

    /// <summary>
    /// The event names of <see cref="EventTypes"/>, in the same order (set by the generator), so that analyzers learn
    /// a catalog's names from the attribute alone instead of binding every payload's <c>Name</c> constant.
    /// </summary>
    public string[]? EventNames { get; set; }
}
