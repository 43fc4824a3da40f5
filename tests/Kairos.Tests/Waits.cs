using System.Diagnostics;

namespace Kairos.Tests;

/// <summary>
/// Waiting for a state instead of for a time. A test polls until its condition holds; the limit only ends a truly hung
/// test. It is minutes, not seconds: CI runs the whole suite in parallel on a loaded 2-core machine, where a server
/// child, a timer or a catch-up that takes a second when quiet can take tens of seconds, and a bound of "300 polls of
/// 50 ms" (15 s) failed such tests although nothing was wrong.
/// </summary>
public static class Waits
{
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    /// <summary>Polls <paramref name="done"/> every 50 ms until it holds; fails naming <paramref name="what"/> after
    /// <see cref="HangGuard"/>.</summary>
    public static async Task Until(Func<Task<bool>> done, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await done())
        {
            Assert.True(clock.Elapsed < HangGuard, $"{what}: not within {HangGuard.TotalMinutes} minutes (a hang guard)");
            await Task.Delay(50);
        }
    }

    /// <summary>Polls <paramref name="read"/> until its value satisfies <paramref name="done"/>, and returns that value.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        T value = default!;
        await Until(async () => done(value = await read()), what);
        return value;
    }
}
