using System.Linq;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>Generated C# names: every type and member the catalog generates, claimed once, so collisions are SNK103.</summary>
internal sealed partial class CatalogParser
{
    /// <summary>Member names a payload struct already has: a field mapping to one of them would not compile.</summary>
    private static readonly string[] ReservedPayloadMembers = { "Name", "ToString", "Equals", "GetHashCode", "GetType" };

    /// <summary>
    /// The longest C# name a catalog name may become: C# identifiers end at 512 characters (CS0645), and generated
    /// names add up to 32 around it (<c>I...Handler</c>, <c>Is...Enabled</c>, <c>...Result</c>, <c>Start...</c>).
    /// </summary>
    internal const int MaxGeneratedNameLength = 480;

    /// <summary>Reports (SNK102) a name whose C# form is longer than <see cref="MaxGeneratedNameLength"/>.</summary>
    private bool IsTooLong(string kind, string name, string csharpName, SourceSpan span)
    {
        if (csharpName.Length <= MaxGeneratedNameLength)
        {
            return false;
        }

        Report(CatalogDiagnostics.NameTooLong, span, kind, name,
            csharpName.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            MaxGeneratedNameLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }

    private bool ClaimType(string typeName, SourceSpan span, string what)
    {
        if (_typeNames.TryGetValue(typeName, out var other))
        {
            Report(CatalogDiagnostics.CollidingType, span, Capitalize(what), typeName, other);
            return false;
        }

        _typeNames[typeName] = what;
        return true;
    }

    private bool ClaimMember(string memberName, SourceSpan span, string what)
    {
        if (_className.Length == 0)
        {
            return true;
        }

        if (_classMembers.TryGetValue(memberName, out var other))
        {
            Report(CatalogDiagnostics.CollidingMember, span, Capitalize(what), _className + "." + memberName, other);
            return false;
        }

        _classMembers[memberName] = what;
        return true;
    }

    private static string SuggestSegment(string segment)
    {
        // ASCII only: a suggestion must itself be valid ('ordér' -> 'ord_r').
        var chars = segment.ToLowerInvariant().Select(c => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '_').ToArray();
        var suggestion = new string(chars).Trim('_');
        return suggestion.Length > 0 && suggestion[0] >= 'a' && suggestion[0] <= 'z' ? suggestion : "x" + suggestion;
    }
}
