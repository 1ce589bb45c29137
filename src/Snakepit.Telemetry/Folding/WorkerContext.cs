using System;

namespace Snakepit.Telemetry;

/// <summary>
/// What the host knows about the worker a line came from. <see cref="WorkerTelemetryReader"/> gives these values to
/// the <c>node</c>, <c>pool_name</c> and <c>worker_id</c> string fields of every event it folds (common metadata or
/// not); they win over whatever the line says, so a worker cannot claim to be another one.
/// </summary>
public sealed class WorkerContext
{
    /// <summary>Creates the context of one worker.</summary>
    /// <param name="node">The node (host) the worker runs on.</param>
    /// <param name="poolName">The pool the worker belongs to.</param>
    /// <param name="workerId">The worker's id in its pool.</param>
    public WorkerContext(string node, string poolName, string workerId)
    {
        Node = node ?? throw new ArgumentNullException(nameof(node));
        PoolName = poolName ?? throw new ArgumentNullException(nameof(poolName));
        WorkerId = workerId ?? throw new ArgumentNullException(nameof(workerId));
    }

    /// <summary>The value of <c>node</c>.</summary>
    public string Node { get; }

    /// <summary>The value of <c>pool_name</c>.</summary>
    public string PoolName { get; }

    /// <summary>The value of <c>worker_id</c>.</summary>
    public string WorkerId { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Node}/{PoolName}/{WorkerId}";
}
