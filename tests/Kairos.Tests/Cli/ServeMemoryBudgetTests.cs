using Kairos.Cli;
using Kairos.Cli.Commands;
using Kairos.Serving;

namespace Kairos.Tests.Cli;

/// <summary>
/// `kairos serve` estimates the id windows' worst-case memory (bytes per id × --id-window × --user-capacity) at start-up
/// and refuses, with one error line naming the estimate and the flags, a configuration over its budget; the defaults
/// fit a machine of 4 GB with room to spare.
/// </summary>
public class ServeMemoryBudgetTests
{
    [Fact]
    public void A_window_over_the_budget_exits_2_with_the_estimate_and_the_flags()
    {
        var run = CliRunner.RunTuple("serve", "--store", "memory", "--urls", "http://127.0.0.1:0",
            "--id-window", "1000", "--user-capacity", "100000", "--memory-budget", "4GB");
        Assert.Equal(2, run.Code);
        var error = Assert.Single(run.Err.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("≈ 22.4 GB", error);   // 240 B × 1,000 × 100,000
        Assert.Contains("over the budget of 4 GB (--memory-budget)", error);
        Assert.Contains("lower --id-window or --user-capacity", error);
    }

    [Fact]
    public void The_default_budget_is_a_quarter_of_the_machine_and_names_it()
    {
        long machine = IdWindowMemory.MachineMemory;
        int capacity = (int)Math.Min(int.MaxValue, machine / 4 / IdWindowMemory.BytesPerId / 1000 + 1);   // just over a quarter at a window of 1,000
        var over = Assert.Throws<UserInputException>(() => ServeCommand.WithinBudget(1000, capacity, null));
        Assert.Contains($"a quarter of this machine's {IdWindowMemory.Describe(machine)}", over.Message);
        Assert.Equal(1000, ServeCommand.WithinBudget(1000, capacity - 1, null));
    }

    [Fact]
    public void The_defaults_fit_a_small_machine()
    {
        var defaults = new EngineOptions();
        Assert.True(IdWindowMemory.Estimate(defaults.IdWindow, defaults.UserCapacity) <= (4L << 30) / 4,
            "the default --id-window × --user-capacity must fit a quarter of a 4 GB machine.");
    }

    [Theory]
    [InlineData("512MB", 512L << 20)]
    [InlineData("1.5GB", 3L << 29)]
    [InlineData("2048", 2048L)]
    [InlineData("4 kb", 4096L)]
    public void Sizes_parse_in_binary_units(string text, long bytes) =>
        Assert.True(CliSizes.TryParse(text, out var value) && value == bytes);

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-1GB")]
    [InlineData("GB")]
    [InlineData("1.5PB")]
    [InlineData("NaN")]
    public void Bad_sizes_are_refused(string text) => Assert.False(CliSizes.TryParse(text, out _));

    [Fact]
    public void A_bad_budget_exits_2_naming_the_flag()
    {
        var run = CliRunner.RunTuple("serve", "--store", "memory", "--urls", "http://127.0.0.1:0", "--memory-budget", "lots");
        Assert.Equal(2, run.Code);
        Assert.Contains("error: --memory-budget 'lots'", run.Err);
    }
}
