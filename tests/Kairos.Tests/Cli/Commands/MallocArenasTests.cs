using Kairos.Cli.Commands;

namespace Kairos.Tests.Cli.Commands;

public class MallocArenasTests
{
    [Theory]
    [InlineData(new[] { "serve", "--store", "memory", "--cluster", "redis:127.0.0.1:6379" }, null, true)]
    [InlineData(new[] { "serve", "--cluster=redis:127.0.0.1:6379" }, null, true)]
    [InlineData(new[] { "serve", "--cluster", "redis:127.0.0.1:6379" }, "4", false)]   // the operator's setting is kept
    [InlineData(new[] { "serve", "--store", "memory" }, null, false)]                   // a single node is left alone
    [InlineData(new[] { "soak", "--cluster" }, null, false)]
    [InlineData(new string[0], null, false)]
    public void Only_a_silo_without_its_own_setting_restarts_capped(string[] args, string? environmentValue, bool wanted) =>
        Assert.Equal(wanted && OperatingSystem.IsLinux(), MallocArenas.Wanted(args, environmentValue));

    [Theory]
    [InlineData("dotnet\0kairos.dll\0serve\0", new[] { "dotnet", "kairos.dll", "serve" })]
    [InlineData("kairos\0serve\0--x\0\0", new[] { "kairos", "serve", "--x", "" })]   // an empty last argument is kept
    [InlineData("kairos\0\0serve\0", new[] { "kairos", "", "serve" })]
    [InlineData("", new string[0])]
    public void The_command_line_is_read_back_argument_for_argument(string cmdline, string[] expected) =>
        Assert.Equal(expected, MallocArenas.Arguments(cmdline));

    [Fact]
    public void Only_this_processs_diagnostics_sockets_are_removed()
    {
        var dir = Directory.CreateTempSubdirectory("kairos-diag-");
        try
        {
            string[] names = ["dotnet-diagnostic-4242-1234567-socket", "dotnet-diagnostic-42420-1234567-socket", "dotnet-diagnostic-424-1234567-socket",
                "dotnet-diagnostic-4242-1234567-socket.bak", "other-4242"];
            foreach (string n in names) File.WriteAllText(Path.Combine(dir.FullName, n), "");
            Assert.Single(MallocArenas.DiagnosticsSockets(4242, dir.FullName));
            MallocArenas.RemoveDiagnosticsSockets(4242, dir.FullName);
            Assert.Equal(names.Skip(1).Order(), dir.EnumerateFiles().Select(f => f.Name).Order());
            MallocArenas.RemoveDiagnosticsSockets(4242, Path.Combine(dir.FullName, "missing"));   // no such folder: nothing to do
        }
        finally { dir.Delete(recursive: true); }
    }
}
