using Kairos.Learning;
using Kairos.Reports;

namespace Kairos.Cli.Commands;

/// <summary>What `kairos train` writes for every policy kind: the policy file (through <c>save</c>) and its training
/// curve beside it (<c>STEM.curve.csv</c>, <c>STEM.curve.png</c>), creating the folder when needed.</summary>
internal static class TrainingOutputFiles
{
    public static void Write(string outPath, TrainingCurve curve, string title, Action<string> save)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (dir is not null) Directory.CreateDirectory(dir);
        save(outPath);
        string stem = Path.ChangeExtension(outPath, null);
        curve.WriteCsv(stem + ".curve.csv");
        curve.WritePng(stem + ".curve.png", title);
    }
}
