namespace Snakepit.Telemetry.Shared;

/// <summary>What is wrong with a handler method's signature, if anything (SNK008).</summary>
internal enum SignatureProblem
{
    None,
    NotVoid,
    Async,
    Static,
    ParameterCount,
    RefOrOut,
    WrongPayload,
    GenericNotAllowed,
    MustBeGeneric,
    BadConstraints,
}
