using System.Buffers.Binary;

namespace Kairos.Serving;

/// <summary>A vector of doubles as stored: 8 bytes per entry, little-endian IEEE 754, so it reads back bit for bit.</summary>
public static class VectorBlob
{
    public static byte[]? Write(double[]? vector)
    {
        if (vector is null) return null;
        var bytes = new byte[vector.Length * 8];
        for (int i = 0; i < vector.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), vector[i]);
        return bytes;
    }

    public static double[]? Read(byte[]? bytes)
    {
        if (bytes is null) return null;
        if (bytes.Length % 8 != 0) throw new InvalidDataException($"a stored vector has {CountText.Of(bytes.Length, "byte")}, not a multiple of 8.");
        var vector = new double[bytes.Length / 8];
        for (int i = 0; i < vector.Length; i++) vector[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * 8));
        return vector;
    }
}
