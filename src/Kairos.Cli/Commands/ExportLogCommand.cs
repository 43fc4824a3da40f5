using System.CommandLine;
using Kairos.Serving;

namespace Kairos.Cli.Commands;

/// <summary>`kairos export-log`: the decision service's history of one policy in the ad-delivery log format
/// (user,time,kind,mark,value,propensity), so the next model can be fit on what the service did.</summary>
public static class ExportLogCommand
{
    public static Command Create(CliIO io)
    {
        var store = new Option<string>("--store")
        {
            Description = "The service's store: sqlite:PATH or postgres:CONNSTRING (default sqlite:kairos.db).",
            DefaultValueFactory = _ => UserStores.Default,
        };
        var policy = new Option<string>("--policy-name")
        {
            Description = $"Which served policy's users to export (default '{PolicyCatalog.DefaultName}').",
            DefaultValueFactory = _ => PolicyCatalog.DefaultName,
        };
        var output = CliOptions.Out("Output file: .csv for CSV, otherwise JSON Lines (default: JSON Lines on stdout).");
        var cmd = new Command("export-log", "Export what the decision service saw and decided as an ad-delivery log: one row per " +
            "event (user,time,kind,mark,value,propensity); each decided opportunity is followed by an action row with the decision " +
            "(0 = none, k = ad k) and its propensity.\nExample:\n  kairos export-log --store sqlite:kairos.db --out out/log.csv")
        { store, policy, output };
        cmd.SetAction(pr => Run(io, pr.GetValue(store)!, pr.GetValue(policy)!, pr.GetValue(output)));
        return cmd;
    }

    private static int Run(CliIO io, string storeSpec, string policy, string? output)
    {
        bool sqlite = storeSpec.StartsWith("sqlite:", StringComparison.Ordinal) && storeSpec.Length > "sqlite:".Length;
        if (!sqlite && !storeSpec.StartsWith("postgres:", StringComparison.Ordinal))
            throw new UserInputException("--store: export reads a durable store, sqlite:PATH or postgres:CONNSTRING.");
        if (sqlite) InputPaths.RequireFile("--store sqlite:", storeSpec["sqlite:".Length..], "SQLite store file", "give the file `kairos serve --store sqlite:PATH` wrote");
        var store = UserStores.Open(storeSpec);
        try
        {
            var rows = DecisionLog.Rows(store.ReadAll(policy));
            bool csv = output is not null && output.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
            long n;
            if (output is null) n = DecisionLog.Write(io.Out, rows, csv);
            else
            {
                using var file = new StreamWriter(output);
                n = DecisionLog.Write(file, rows, csv);
            }
            io.Info($"exported {CliFormat.Count(n, "row")} of policy '{policy}'{(output is null ? "" : $" to {output}")}");
            return KairosCli.Ok;
        }
        finally { store.DisposeAsync().AsTask().GetAwaiter().GetResult(); }
    }
}
