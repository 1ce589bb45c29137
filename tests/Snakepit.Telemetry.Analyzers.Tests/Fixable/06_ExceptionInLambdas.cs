// SNK002 in lambdas attached to the hub and bound on a builder: block bodies, an expression body, a parameter named ex.
using System;
using System.Collections.Generic;
using System.Linq;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Fixable.F06;

public static class Startup
{
    private static readonly Dictionary<string, int> Ports = new() { ["a"] = 1 };

    public static int Last { get; private set; }

    public static void Main()
    {
        var hub = TelemetryHub.Default;
        hub.Attach<PoolStatus>("myapp-pool-parser", (in PoolStatus e) =>
        {
            Last = int.Parse(e.PoolName);
        });
        hub.Attach<PythonCallStop>("myapp-port-lookup", (in PythonCallStop e) => Last = Ports[e.WorkerId]);
        hub.Attach<PythonCallStart>("myapp-first-arg", (in PythonCallStart ex) => Last = ex.Command.Split(',').Select(s => s.Length).First());
        hub.Attach(new TelemetryHandlerBuilder("myapp-builder-parser", new object())
            .On<PoolStatus>((in PoolStatus e) => { Last = Convert.ToInt32(e.PoolName); }));
    }
}
