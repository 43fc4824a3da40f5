using Kairos.PointProcesses;
using Kairos.Serving;

namespace Kairos.Tests.Serving;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurements
{
    /// <summary>Tests that measure the process's heap run alone, after the parallel ones.</summary>
    public const string Name = "memory measurements";
}

/// <summary>
/// <see cref="IdWindowMemory.BytesPerId"/> against the heap really retained by full id windows: users whose windows
/// hold their last records (36-character ids, as GUIDs), measured with a forced full collection while no other test
/// runs. The constant must cover the measurement and not overstate it by more than a third.
/// </summary>
[Collection(MemoryMeasurements.Name)]
public class IdWindowMemoryTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void The_bytes_per_id_constant_matches_the_memory_full_windows_retain()
    {
        const int users = 200, window = 500, records = 2 * window;   // each window fills, then slides past its first half
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var entries = new UserEntry[users];
        for (int u = 0; u < users; u++)
        {
            var entry = entries[u] = new UserEntry("default", $"u{u}");
            for (int i = 1; i <= records; i++)
            {
                entry.Count = i;
                entry.RememberId(new StoredRecord(i, Guid.NewGuid().ToString(), i, EventKind.Feedback, 0, 1.0), window);
            }
        }
        long after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(entries);
        double perId = (after - before) / (double)(users * window);
        output.WriteLine($"{perId:F0} bytes per remembered id");
        Assert.True(perId <= IdWindowMemory.BytesPerId && perId >= 0.75 * IdWindowMemory.BytesPerId,
            $"measured {perId:F0} bytes per remembered id; the estimate uses {IdWindowMemory.BytesPerId}.");
    }

    [Fact]
    public void The_estimate_is_bytes_per_id_times_window_times_capacity()
    {
        Assert.Equal(IdWindowMemory.BytesPerId * 1000L * 100_000L, IdWindowMemory.Estimate(1000, 100_000));
        Assert.Equal("512 MB", IdWindowMemory.Describe(512L << 20));
        Assert.Equal("2.5 GB", IdWindowMemory.Describe(5L << 29));
    }
}
