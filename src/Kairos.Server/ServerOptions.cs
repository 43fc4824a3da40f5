using Kairos.Serving;

namespace Kairos.Server;

/// <summary>What `kairos serve` was asked for.</summary>
public sealed record ServerOptions
{
    public string Urls { get; init; } = "http://127.0.0.1:5080";
    public string Store { get; init; } = UserStores.Default;
    /// <summary>Bound of a SQLite store's WAL file in bytes (`--wal-limit`); null: the store's default.</summary>
    public long? WalLimit { get; init; }
    /// <summary>Policy file of the default policy; null serves uniform actions at rate 1.</summary>
    public string? PolicyFile { get; init; }
    public ulong Seed { get; init; } = 1;
    /// <summary>Bearer token of the admin routes; without one the server only starts bound to loopback.</summary>
    public string? AdminToken { get; init; }
    /// <summary>Folder of evaluation reports (`kairos evaluate --report`); the dashboard shows the newest.</summary>
    public string? ReportsDirectory { get; init; }
    public long MaxBodyBytes { get; init; } = 1 << 20;
    /// <summary>Emit each user's planned next action when due (single node: <see cref="ActionScheduler"/>; user time t
    /// = Unix time t s); consumers read them at GET /v1/actions.</summary>
    public bool EmitActions { get; init; }
    /// <summary>Overdue planned actions within the lateness bound leave at most this many per second
    /// (<see cref="CatchUpPacer"/>); `kairos serve` sets it from --catch-up-rate.</summary>
    public double CatchUpRate { get; init; } = double.PositiveInfinity;
    /// <summary>The wall clock that decides when a planned action is due (the system clock outside tests).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    public EngineOptions Engine { get; init; } = new();
}
