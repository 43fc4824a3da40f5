using System.Diagnostics;
using Kairos.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kairos.Tests.Serving;

/// <summary>
/// The host starts an <see cref="Activity"/> and a log scope for every request while its per-request logger is
/// enabled at any level (a random trace id, an AsyncLocal change and a scope object per request); nothing in the
/// server reads them, so that logger is off, and the rest of the logging is not.
/// </summary>
public class RequestActivityTests
{
    [Fact]
    public async Task The_hosting_request_logger_is_off_and_warnings_still_log()
    {
        await using var app = KairosServer.Build(new ServerOptions { Store = "memory", Urls = "http://127.0.0.1:0" });
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        Assert.False(loggers.CreateLogger(KairosServer.HostingDiagnostics).IsEnabled(LogLevel.Critical));
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Server.Kestrel").IsEnabled(LogLevel.Warning));
        Assert.True(loggers.CreateLogger("Kairos.Server.ActionScheduler").IsEnabled(LogLevel.Warning));
    }
}
