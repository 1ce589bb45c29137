// [assembly: TelemetryCatalog( just typed, with a handler using the catalog it is meant to declare.
using Snakepit.Telemetry;

[assembly: TelemetryCatalog(

namespace Incomplete.I25;

[TelemetryHandler("myapp-requests")]
public sealed partial class Requests
{
    [OnEvent("myapp.request.done")]
    private void OnDone(in RequestDone e)
    {
    }
}
