using System.Security.Cryptography;
using System.Text;

namespace Kairos.Decisions;

/// <summary>A short, stable fingerprint of a policy's parameters (SHA-256 of the kind, the numbers' IEEE bits and
/// any text settings; first 16 hex digits), so a snapshot is only restored under the parameters that produced it.</summary>
public static class ParameterHash
{
    public static string Of(string kind, ReadOnlySpan<double> numbers, params string[] settings)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(kind));
        Span<byte> buffer = stackalloc byte[8];
        foreach (double x in numbers)
        {
            BitConverter.TryWriteBytes(buffer, BitConverter.DoubleToInt64Bits(x));
            hash.AppendData(buffer);
        }
        foreach (var s in settings)
        {
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(s));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
