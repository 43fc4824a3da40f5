namespace Kairos.Orleans;

/// <summary>What `kairos serve --cluster redis:HOST:PORT` co-hosts: the Redis endpoint of membership and reminders,
/// this silo's loopback ports, the per-request timeout, and whether due next actions are emitted.</summary>
public sealed record ClusterServingOptions
{
    /// <summary>StackExchange.Redis configuration, e.g. "127.0.0.1:6379".</summary>
    public required string Redis { get; init; }
    public string ClusterId { get; init; } = "kairos";
    public int SiloPort { get; init; } = 11111;
    public int GatewayPort { get; init; } = 30000;
    /// <summary>Longest wait for a grain call before the request answers 503 (a silo failing over never hangs it).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Arm each user's planned next action (a grain timer backed by a durable reminder) and emit it when due.</summary>
    public bool EmitActions { get; init; }
    /// <summary>Overdue planned actions within the lateness bound leave the whole cluster at most this many per second:
    /// each silo paces at this over the active silos (<see cref="CatchUpPacer"/>, <see cref="ClusterHosting.ActiveSilos"/>).</summary>
    public double CatchUpRate { get; init; } = double.PositiveInfinity;
    /// <summary>Seconds per unit of user time: user time t is Unix time t × this (reminders fire on the wall clock).</summary>
    public double TimeUnitSeconds { get; init; } = 1;
    /// <summary>The wall clock that decides when a planned action is due and when a request's grain call has run out of
    /// <see cref="RequestTimeout"/> (the system clock outside tests).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Parses "redis:HOST:PORT" (the --cluster value).</summary>
    public static string ParseRedis(string cluster)
    {
        const string prefix = "redis:";
        if (!cluster.StartsWith(prefix, StringComparison.Ordinal))
            throw new UserInputException($"--cluster '{cluster}': expected redis:HOST:PORT (membership and reminders run on Redis).");
        string endpoint = cluster[prefix.Length..];
        int colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(endpoint[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port)
            || port is < 1 or > 65535)
            throw new UserInputException($"--cluster '{cluster}': expected redis:HOST:PORT with a port in 1–65535.");
        return endpoint;
    }
}
