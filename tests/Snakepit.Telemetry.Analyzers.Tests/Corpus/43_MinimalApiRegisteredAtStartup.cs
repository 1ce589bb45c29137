using System;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

namespace Microsoft.AspNetCore.Routing
{
    public interface IEndpointRouteBuilder { }
}

namespace Microsoft.AspNetCore.Builder
{
    public static class EndpointRouteBuilderExtensions
    {
        public static object MapGet(this IEndpointRouteBuilder endpoints, string pattern, Delegate handler) => handler;
        public static object MapPost(this IEndpointRouteBuilder endpoints, string pattern, Delegate handler) => handler;
    }
}

namespace Corpus.C43
{
    /// <summary>Attaches at startup, then maps endpoints that read the hub (but never attach) per request.</summary>
    public static class MinimalApiRegisteredAtStartup
    {
        private static long lastDepth;

        public static void Main()
        {
            IEndpointRouteBuilder app = new Endpoints();
            TelemetryHub.Default.Attach<PoolStatus>("myapp-depth-api", (in PoolStatus e) => System.Threading.Volatile.Write(ref lastDepth, e.QueueDepth));
            app.MapGet("/depth", () => System.Threading.Volatile.Read(ref lastDepth));
            app.MapGet("/handlers", () => TelemetryHub.Default.ListHandlers().Select(h => h.Id).ToArray());
            app.MapPost("/handlers/{prefix}", (string prefix) => TelemetryHub.Default.ListHandlers().Count);
            app.MapGet("/health", Health);
        }

        private static string Health() => "ok";

        private sealed class Endpoints : IEndpointRouteBuilder
        {
        }
    }
}
