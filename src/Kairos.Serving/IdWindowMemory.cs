namespace Kairos.Serving;

/// <summary>
/// The memory the per-user id windows may take: each resident user (at most <see cref="EngineOptions.UserCapacity"/>)
/// remembers the ids of its last <see cref="EngineOptions.IdWindow"/> records with the records themselves, so the
/// worst case is <see cref="BytesPerId"/> × window × capacity. `kairos serve` estimates it at start-up and refuses a
/// configuration whose estimate exceeds its memory budget.
/// </summary>
public static class IdWindowMemory
{
    /// <summary>Bytes one remembered id costs in a full window: its slot in the user's ring (<see cref="RecentIds"/>:
    /// the 88-byte record), the id string itself at 36 characters (a GUID) and, in windows of more than
    /// <see cref="RecentIds.IndexAbove"/> ids, its entry in the ring's index with the index's spare capacity. Context and
    /// feedback vectors a record carries add 8 bytes per entry on top. IdWindowMemoryTests measures it.</summary>
    public const long BytesPerId = 240;

    /// <summary>The share of the machine's memory (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>, which honours
    /// a container's limit) the id windows may take by default.</summary>
    public const double DefaultBudgetShare = 0.25;

    public static long Estimate(long idWindow, long userCapacity) => BytesPerId * idWindow * userCapacity;

    public static long MachineMemory => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    public static long DefaultBudget => (long)(MachineMemory * DefaultBudgetShare);

    /// <summary>A size in binary units for messages: 512 MB, 2.1 GB.</summary>
    public static string Describe(long bytes) => bytes switch
    {
        >= 1L << 40 => $"{bytes / (double)(1L << 40):0.#} TB",
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.#} GB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.#} MB",
        >= 1L << 10 => $"{bytes / (double)(1L << 10):0.#} KB",
        _ => $"{bytes} B",
    };
}
