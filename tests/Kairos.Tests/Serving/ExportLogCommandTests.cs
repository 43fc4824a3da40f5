using Kairos.PointProcesses;
using Kairos.Serving;
using Kairos.Tests.Cli;

namespace Kairos.Tests.Serving;

public class ExportLogCommandTests
{
    [Fact]
    public async Task Exports_the_stored_decisions_as_an_ad_delivery_log()
    {
        string db = ServingFixtures.TempDb();
        OpportunityResult decision;
        await using (var store = new SqliteUserStateStore(db))
        {
            var engine = new DecisionEngine(store, ServingFixtures.Catalog());
            await engine.IngestAsync("choice", "u,1", [new IncomingEvent("f", 0.5, EventKind.Feedback, 1, 2.5)]);
            decision = await engine.DecideAsync("choice", "u,1", "o", 1.25);
        }
        string csv = Path.Combine(Path.GetDirectoryName(db)!, "log.csv");
        var run = CliRunner.Run("export-log", "--store", $"sqlite:{db}", "--policy-name", "choice", "--out", csv);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"user,time,kind,mark,value,propensity\n\"u,1\",0.5,feedback,1,2.5,\n\"u,1\",1.25,opportunity,0,,\n" +
            $"\"u,1\",1.25,action,{decision.Action},,{decision.Propensity:R}\n", File.ReadAllText(csv));

        var missing = CliRunner.Run("export-log", "--store", "sqlite:/nonexistent/kairos.db");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--store", missing.Stderr);
    }
}
