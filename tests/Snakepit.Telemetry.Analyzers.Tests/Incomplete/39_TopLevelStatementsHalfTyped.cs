// Program.cs with top-level statements, an attach being typed.
using System.Threading;
using Snakepit.Telemetry;
using Snakepit.Telemetry.Events;

var hub = TelemetryHub.Default;
hub.Attach<PythonCallStop>("myapp-top", static (in PythonCallStop e) => { Thread.Sleep(
hub.Attach<PythonCallStop>("myapp-top-2", OnStop);
for (var i = 0; i < 3; i++) hub.Attach<PythonCallStop>("myapp-top-" + i, OnStop

void OnStop(in PythonCallStop e) => int.Parse(e.
