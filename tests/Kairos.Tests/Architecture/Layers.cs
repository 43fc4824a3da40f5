namespace Kairos.Tests.Architecture;

/// <summary>
/// The declared layer order (docs/ARCHITECTURE.md), lowest first. A namespace may use namespaces of lower layers
/// only: never a higher layer, and never a sibling in its own layer. Each entry covers the namespace and everything
/// under it (Kairos.Data covers Kairos.Data.Duolingo). The root namespace Kairos (UserInputException, DidYouMean,
/// IProgressSink) is the bottom layer.
/// </summary>
internal static class Layers
{
    public const string Root = "Kairos";

    public static IReadOnlyList<IReadOnlyList<string>> Order { get; } =
    [
        [Root],
        ["Kairos.Numerics"],
        ["Kairos.PointProcesses"],
        ["Kairos.Data", "Kairos.Models", "Kairos.Neural", "Kairos.Pomdp"],
        ["Kairos.Decisions"],
        ["Kairos.Policies"],
        ["Kairos.Simulation"],
        ["Kairos.Environments"],
        ["Kairos.Learning"],
        ["Kairos.Scenarios"],
        ["Kairos.Evaluation"],
        ["Kairos.Reports", "Kairos.Serving"],   // assemblies Kairos.Reports and Kairos.Serving
        ["Kairos.Server", "Kairos.Orleans"],    // assemblies Kairos.Server (ASP.NET Core host of Kairos.Serving) and Kairos.Orleans (per-user grains)
        ["Kairos.Cli"],       // assembly kairos
    ];

    public static IEnumerable<string> All => Order.SelectMany(layer => layer);

    /// <summary>The namespaces <paramref name="ns"/> may not use: every higher layer's, and its siblings'.</summary>
    public static IReadOnlyList<string> ForbiddenFor(string ns)
    {
        int rank = Rank(ns);
        return Order.Skip(rank).SelectMany(layer => layer).Where(other => other != ns).ToList();
    }

    public static int Rank(string ns)
    {
        for (int i = 0; i < Order.Count; i++)
            if (Order[i].Contains(ns)) return i;
        throw new ArgumentException($"namespace '{ns}' is not in the layer list", nameof(ns));
    }
}
