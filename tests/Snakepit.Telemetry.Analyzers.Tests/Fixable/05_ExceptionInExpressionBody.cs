// SNK002 in an expression-bodied handler without 'using System': the fix makes a block and names System.Exception.
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Fixable.F05;

[TelemetryHandler("myapp-depth-parser")]
public sealed partial class DepthParser
{
    private long _depth;

    [OnEvent("snakepit.pool.status")]
    private void OnStatus(in PoolStatus e) => _depth = long.Parse(e.PoolName);

    public long Depth => _depth;
}
