using System.CommandLine;
using Kairos.Cli;
using Kairos.Cli.Demo;

namespace Kairos.Tests.Registration.Planted;

// Types that exist only so ListedTypesCanaryTests can show the checker reports an unlisted implementation.

internal sealed class PlantedDemoStep : IDemoStep
{
    public string Name => "planted";
    public IReadOnlyList<DemoSummaryRow> Run(DemoContext context) => [];
}

internal static class PlantedCommand
{
    public static Command Create(CliIO io) => new("planted");
}
