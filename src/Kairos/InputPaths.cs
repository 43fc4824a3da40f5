namespace Kairos;

/// <summary>The one wording for a path the user named that cannot be used as asked: a folder where a file is read or
/// written, a file where a folder is meant, or nothing there at all. Each message starts with the path and says what
/// was expected, so that a folder is never reported as "does not exist" or "access denied".</summary>
public static class InputPaths
{
    /// <summary>Why <paramref name="path"/> cannot be read as <paramref name="what"/> (e.g. "event file"), or null when
    /// it is a file. <paramref name="label"/> prefixes the path (a flag such as "--events", or null for none).</summary>
    public static string? FileProblem(string? label, string path, string what, string? howToMake = null) =>
        Directory.Exists(path) ? $"{Prefix(label, path)}: is a folder, not {Article(what)} {what}; give the file's path"
        : !File.Exists(path) ? $"{Prefix(label, path)}: no such {what}{(howToMake is null ? "" : "; " + howToMake)}"
        : null;

    /// <summary>Throws <see cref="UserInputException"/> unless <paramref name="path"/> is a readable file (see <see cref="FileProblem"/>).</summary>
    public static void RequireFile(string? label, string path, string what, string? howToMake = null)
    {
        if (FileProblem(label, path, what, howToMake) is { } problem) throw new UserInputException(problem);
    }

    /// <summary>Why <paramref name="path"/> cannot be written as <paramref name="what"/>, or null: it names a folder, or
    /// its parent is an existing file. A missing parent folder is no problem (writers create it).</summary>
    public static string? OutputProblem(string? label, string path, string what)
    {
        if (Directory.Exists(path)) return $"{Prefix(label, path)}: is a folder; give the path of the {what} to write, e.g. {Path.Combine(path, "out")}";
        string? parent = Path.GetDirectoryName(Path.GetFullPath(path));
        for (var dir = parent; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
            if (File.Exists(dir)) return $"{Prefix(label, path)}: {dir} is a file, not a folder, so the {what} cannot be written there";
        return null;
    }

    /// <summary>Why <paramref name="path"/> cannot be used as a folder for <paramref name="what"/>, or null: an existing
    /// file, or a path through one. A missing folder is no problem (writers create it).</summary>
    public static string? FolderProblem(string? label, string path, string what)
    {
        if (File.Exists(path)) return $"{Prefix(label, path)}: is a file, not a folder for {what}";
        for (var dir = Path.GetDirectoryName(Path.GetFullPath(path)); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
            if (File.Exists(dir)) return $"{Prefix(label, path)}: {dir} is a file, not a folder, so {what} cannot be written there";
        return null;
    }

    private static string Prefix(string? label, string path) => label is null ? path : label.EndsWith(':') ? label + path : $"{label} {path}";
    private static string Article(string what) => "aeiou".Contains(char.ToLowerInvariant(what[0])) ? "an" : "a";
}
