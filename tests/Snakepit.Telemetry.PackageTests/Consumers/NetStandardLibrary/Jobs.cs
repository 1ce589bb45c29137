namespace Lib
{
    public static class Jobs
    {
        public static void Run(string id)
        {
            var span = Lib.Telemetry.LibEvents.StartJob(id);
            span.Stop(Lib.Telemetry.JobStopOutcome.Ok, items: 3);
        }
    }
}
