using System.CommandLine;
using Kairos.Cli.Commands;

namespace Kairos.Cli;

/// <summary>Every `kairos` verb, in one explicit list (help order). A new verb is added here; a test fails if a class
/// in Commands/ with a static <c>Create(CliIO)</c> returning a <see cref="Command"/> is missing from it.</summary>
internal static class Verbs
{
    public static IReadOnlyList<Func<CliIO, Command>> Factories { get; } =
    [
        BenchCommand.Create,
        BudgetCurveCommand.Create,
        DemoCommand.Create,
        EvaluateCommand.Create,
        ExperimentCommand.Create,
        ExportLogCommand.Create,
        FitCommand.Create,
        FitFsrsCommand.Create,
        FitModelCommand.Create,
        FitStudentCommand.Create,
        FsrsRecoveryCommand.Create,
        LoadgenCommand.Create,
        LoglikCommand.Create,
        OpeCommand.Create,
        PomdpCommand.Create,
        ReviewScheduleCommand.Create,
        SampleCommand.Create,
        ServeCommand.Create,
        SimulateCommand.Create,
        SoakCommand.Create,
        TrainCommand.Create,
    ];

    public static IEnumerable<Command> Create(CliIO io) => Factories.Select(create => create(io));
}
