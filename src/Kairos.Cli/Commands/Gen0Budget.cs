namespace Kairos.Cli.Commands;

/// <summary>
/// `kairos serve` runs with a fixed gen0 allocation budget of <see cref="Default"/> (DOTNET_GCgen0size). The runtime
/// sizes gen0 from the CPU's cache sizes; where it cannot read them (this 2-core VM has no
/// /sys/devices/system/cpu/cpu0/cache) it starts from 256 KiB and lets the budget follow gen0's survivors, so a server
/// whose requests leave almost nothing behind collected every ~2 MiB: ~10 gen0 collections a second at 4,000 requests/s,
/// each pausing every request in flight (docs/serving.md, session 19). The runtime reads the variable only at start and
/// has no runtimeconfig.json name for it (checked: System.GC.Gen0Size and GCgen0size there are ignored), so the
/// process restarts itself with it (<see cref="MallocArenas.Restart"/>). An operator's own setting (DOTNET_ or COMPlus_
/// prefix) is kept; 0 gives the runtime's own sizing back.
/// </summary>
internal static class Gen0Budget
{
    public const string Variable = "DOTNET_GCgen0size";
    public const string LegacyVariable = "COMPlus_GCgen0size";
    /// <summary>32 MiB, hexadecimal as the runtime reads it.</summary>
    public const string Default = "0x2000000";

    /// <summary>Whether this process, started with <paramref name="args"/>, should restart with the budget set.</summary>
    public static bool Wanted(string[] args, Func<string, string?> environment) =>
        OperatingSystem.IsLinux() && args.Length > 0 && args[0] == "serve"
        && environment(Variable) is null && environment(LegacyVariable) is null;
}
