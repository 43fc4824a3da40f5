namespace Kairos.Numerics;

/// <summary>Derives independent, reproducible seeds: SplitMix64(run seed, stream index). Used so that each
/// parallel episode gets its own random stream and results do not depend on the thread count.</summary>
public static class SeedSequence
{
    public static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>A 32-bit seed for stream <paramref name="index"/> of run <paramref name="seed"/>.</summary>
    public static int Derive(int seed, long index) =>
        (int)(SplitMix64(SplitMix64((ulong)(uint)seed) ^ (ulong)index) & 0x7FFFFFFF);

    /// <summary>A new generator for stream <paramref name="index"/> of run <paramref name="seed"/>.</summary>
    public static Random Stream(int seed, long index) => new(Derive(seed, index));
}
