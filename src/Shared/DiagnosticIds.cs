namespace Snakepit.Telemetry.Shared;

/// <summary>
/// Every diagnostic id of Snakepit.Telemetry, generators and analyzers alike: the one list that descriptors, docs pages
/// (docs/diagnostics/&lt;id&gt;.md) and release tracking are checked against.
/// </summary>
/// <remarks>
/// The convention: one id per rule and severity. Variants of one message (several descriptors, as SNK010's three
/// cases) share an id only when they share its severity, title and category, so that <c>.editorconfig</c> turns a
/// rule up or down as a whole and never silences an error along with an info. A new severity is a new id.
/// SNK0xx are about handler code (the analyzers), SNK1xx about catalogs (the generator). An id is never reused.
/// </remarks>
internal static class DiagnosticIds
{
    public const string BlockingCall = "SNK001";
    public const string ExceptionEscapes = "SNK002";
    public const string AttachInHotPath = "SNK003";
    public const string UnboundedStorage = "SNK004";
    public const string ForeignCatalog = "SNK005";
    public const string UnknownEventName = "SNK006";
    public const string DuplicateHandlerId = "SNK007";
    public const string HandlerSignature = "SNK008";
    public const string HandlerRecursion = "SNK009";
    public const string HandlerClass = "SNK010";
    public const string VagueHandlerId = "SNK011";

    public const string SyntaxError = "SNK100";
    public const string SchemaError = "SNK101";
    public const string InvalidName = "SNK102";
    public const string DuplicateName = "SNK103";
    public const string InvalidType = "SNK104";
    public const string SpanWithoutStart = "SNK105";
    public const string LanguageVersionTooOld = "SNK106";
    public const string HighCardinalityTag = "SNK107";
    public const string InvalidMetric = "SNK108";
    public const string BreakingChange = "SNK109";
    public const string UnreadableBaseline = "SNK110";
    public const string CatalogNotCompiled = "SNK111";
}
