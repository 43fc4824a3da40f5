using Kairos.Numerics;

namespace Kairos.Decisions;

/// <summary>
/// Counter-based randomness for decisions: draw i of key k is a fixed function of (k, i), so the whole state of the
/// generator is the pair (<see cref="Key"/>, <see cref="Index"/>). A per-user state that stores the pair in its
/// snapshot reproduces every later draw bit for bit after a restore or a replay, in any process, on any machine,
/// at any thread count. The function is two rounds of the SplitMix64 finalizer (Steele, Lea &amp; Flood 2014) over
/// a Weyl step of the index, keyed in both rounds.
/// </summary>
public struct DecisionRandom
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    public DecisionRandom(ulong key, long index = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        Key = key;
        Index = index;
    }

    /// <summary>The stream's key, e.g. <see cref="KeyFor(ulong, string)"/> of (policy seed, user).</summary>
    public ulong Key { get; }
    /// <summary>Number of draws taken so far: the next draw is draw <see cref="Index"/>.</summary>
    public long Index { get; private set; }

    /// <summary>64 random bits of draw <paramref name="index"/> under <paramref name="key"/>.</summary>
    public static ulong Bits(ulong key, long index)
    {
        ulong z = Mix(key + Gamma * ((ulong)index + 1));
        return Mix(z ^ (key * 0xD1B54A32D192ED03UL + Gamma));
    }

    /// <summary>Draw <paramref name="index"/> as a uniform in [0, 1) with 53 random bits.</summary>
    public static double Uniform(ulong key, long index) => (Bits(key, index) >> 11) * (1.0 / (1UL << 53));

    public double NextDouble() => Uniform(Key, Index++);

    /// <summary>An Exp(1) draw (one uniform).</summary>
    public double NextExponential() => ExponentialDraw.FromUniform(NextDouble());

    /// <summary>A uniform integer in [0, <paramref name="n"/>) (one draw; Lemire's multiply-shift on 32 bits, bias &lt; n/2³²).</summary>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ulong bits = Bits(Key, Index++) >> 32;
        return (int)((bits * (ulong)n) >> 32);
    }

    /// <summary>The key of a (policy seed, user id) pair: a stable 64-bit hash, the same on every machine.</summary>
    public static ulong KeyFor(ulong policySeed, string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ulong h = 0xCBF29CE484222325UL;   // FNV-1a over UTF-16 code units, then mixed with the seed
        foreach (char c in userId)
        {
            h = (h ^ (byte)c) * 0x100000001B3UL;
            h = (h ^ (byte)(c >> 8)) * 0x100000001B3UL;
        }
        return Mix(Mix(policySeed) ^ h);
    }

    /// <summary>The key of stream <paramref name="stream"/> of a run seeded with <paramref name="seed"/> (simulations).</summary>
    public static ulong KeyFor(long seed, long stream) => Mix(Mix((ulong)seed) ^ Mix((ulong)stream + Gamma));

    private static ulong Mix(ulong x) => SeedSequence.SplitMix64(x);
}
