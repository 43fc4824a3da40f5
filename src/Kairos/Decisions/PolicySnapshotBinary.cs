using System.Text;

namespace Kairos.Decisions;

/// <summary>Compact binary form of a <see cref="PolicySnapshot"/> (little-endian): magic "KPS", format byte 1, then
/// policy kind and parameter hash as length-prefixed UTF-8, version (int32), random key (uint64) and index (int64),
/// the reals (count, IEEE doubles) and the integers (count, int64).</summary>
public static class PolicySnapshotBinary
{
    private static ReadOnlySpan<byte> Magic => "KPS"u8;
    private const byte FormatVersion = 1;
    private const int MaxCount = 1 << 24;

    public static byte[] Write(PolicySnapshot s)
    {
        using var stream = new MemoryStream(64 + 8 * (s.Reals.Count + s.Integers.Count));
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(s.Policy);
            w.Write(s.ParameterHash);
            w.Write(s.Version);
            w.Write(s.RandomKey);
            w.Write(s.RandomIndex);
            w.Write(s.Reals.Count);
            foreach (double x in s.Reals) w.Write(x);
            w.Write(s.Integers.Count);
            foreach (long x in s.Integers) w.Write(x);
        }
        return stream.ToArray();
    }

    /// <summary>Parses a snapshot; truncated or foreign bytes are a <see cref="FormatException"/>.</summary>
    public static PolicySnapshot Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4 || !bytes[..3].SequenceEqual(Magic))
            throw new FormatException("not a Kairos policy snapshot (magic 'KPS' missing).");
        if (bytes[3] != FormatVersion)
            throw new FormatException($"policy snapshot binary format {bytes[3]}; this build reads format {FormatVersion}.");
        using var r = new BinaryReader(new MemoryStream(bytes[4..].ToArray()), Encoding.UTF8);
        try
        {
            string policy = r.ReadString(), hash = r.ReadString();
            int version = r.ReadInt32();
            ulong key = r.ReadUInt64();
            long index = r.ReadInt64();
            var reals = new double[Count(r.ReadInt32(), "reals")];
            for (int i = 0; i < reals.Length; i++) reals[i] = r.ReadDouble();
            var integers = new long[Count(r.ReadInt32(), "integers")];
            for (int i = 0; i < integers.Length; i++) integers[i] = r.ReadInt64();
            if (r.BaseStream.Position != r.BaseStream.Length)
                throw new FormatException("policy snapshot has trailing bytes.");
            return new PolicySnapshot(policy, version, hash, key, index, reals, integers);
        }
        catch (EndOfStreamException e) { throw new FormatException("policy snapshot is truncated.", e); }
    }

    private static int Count(int n, string what) => n is >= 0 and <= MaxCount ? n
        : throw new FormatException($"policy snapshot declares {n} {what}, outside [0, {MaxCount}].");
}
