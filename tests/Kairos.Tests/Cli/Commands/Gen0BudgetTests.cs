using Kairos.Cli.Commands;
using Kairos.Tests.Serving;

namespace Kairos.Tests.Cli.Commands;

/// <summary>`kairos serve` restarts itself once with a fixed gen0 budget (DOTNET_GCgen0size) unless the operator set
/// one; a silo adds the malloc arena cap to the same restart.</summary>
public class Gen0BudgetTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] set) =>
        name => set.FirstOrDefault(v => v.Name == name).Value;

    [Theory]
    [InlineData(new[] { "serve", "--store", "memory" }, true)]
    [InlineData(new[] { "serve", "--cluster", "redis:127.0.0.1:6379" }, true)]
    [InlineData(new[] { "loadgen", "--url", "http://127.0.0.1:5080" }, false)]   // only the server
    [InlineData(new[] { "soak" }, false)]
    [InlineData(new string[0], false)]
    public void Only_a_server_restarts_with_the_budget(string[] args, bool wanted) =>
        Assert.Equal(wanted && OperatingSystem.IsLinux(), Gen0Budget.Wanted(args, Env()));

    [Theory]
    [InlineData(Gen0Budget.Variable, "0")]            // 0: the runtime's own sizing
    [InlineData(Gen0Budget.Variable, "0x4000000")]
    [InlineData(Gen0Budget.LegacyVariable, "0x1000000")]
    public void An_operators_own_budget_is_kept(string name, string value) =>
        Assert.False(Gen0Budget.Wanted(["serve"], Env((name, value))));

    [Fact]
    public void A_silo_restarts_once_with_both_variables_a_single_node_with_the_budget_alone()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.Equal([(MallocArenas.Variable, MallocArenas.SiloCap), (Gen0Budget.Variable, Gen0Budget.Default)],
            MallocArenas.RestartVariables(["serve", "--cluster", "redis:127.0.0.1:6379"], Env()));
        Assert.Equal([(Gen0Budget.Variable, Gen0Budget.Default)], MallocArenas.RestartVariables(["serve", "--store", "memory"], Env()));
        Assert.Equal([(MallocArenas.Variable, MallocArenas.SiloCap)],
            MallocArenas.RestartVariables(["serve", "--cluster", "redis:127.0.0.1:6379"], Env((Gen0Budget.Variable, "0"))));
        Assert.Empty(MallocArenas.RestartVariables(["serve"], Env((Gen0Budget.Variable, "0"))));
        Assert.Empty(MallocArenas.RestartVariables(["loadgen"], Env()));
    }

    [Fact]
    public async Task A_started_server_runs_with_the_budget_in_its_environment()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Gen0Budget.LegacyVariable) is not null) return;
        string expected = Environment.GetEnvironmentVariable(Gen0Budget.Variable) ?? Gen0Budget.Default;   // the test's own, if set
        string policy = LiveServer.BaselineFile("random-choice", "actProbability", 0.5);
        using var server = await ServerProcess.StartAsync("memory", policy, seed: 1);
        // execve keeps the pid: the process the test started is the one serving, now with the variable set.
        var environ = (await File.ReadAllTextAsync($"/proc/{server.Id}/environ")).Split('\0');
        Assert.Contains($"{Gen0Budget.Variable}={expected}", environ);
        Assert.True((await server.Client.GetAsync("/health")).IsSuccessStatusCode);
        server.Stop();
    }
}
