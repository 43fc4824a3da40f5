using System.Reflection;
using System.Security.Cryptography;

namespace Kairos.Cli;

/// <summary>The pre-trained policies of data/models, embedded in kairos (Kairos.Cli.csproj), so that a default policy
/// is found from any working directory, the installed .NET tool included, not only from the repository root.</summary>
public static class ShippedPolicies
{
    private const string Prefix = "Kairos.Cli.Models.";

    /// <summary>The embedded copy of data/models/<paramref name="fileName"/> written to a per-content folder under the
    /// temporary directory (written once, then reused), or null when kairos ships no such policy.</summary>
    public static string? Extract(string fileName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Prefix + fileName);
        if (stream is null) return null;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        byte[] bytes = buffer.ToArray();
        string folder = Path.Combine(Path.GetTempPath(), "kairos-shipped-models-" + Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant());
        string path = Path.Combine(folder, fileName);
        if (File.Exists(path)) return path;
        Directory.CreateDirectory(folder);
        string temporary = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
