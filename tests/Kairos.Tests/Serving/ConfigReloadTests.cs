using Kairos.Server;
using Microsoft.Extensions.Configuration;

namespace Kairos.Tests.Serving;

/// <summary>
/// The server reads no settings files at run time, so it must not watch them: a host that reloads appsettings on
/// change watches its content root (the working directory, where kairos.db and its WAL usually are), and every commit
/// then wakes a file-watcher thread.
/// </summary>
public class ConfigReloadTests
{
    [Fact]
    public async Task The_server_watches_no_settings_files()
    {
        await using var app = KairosServer.Build(new ServerOptions { Store = "memory", Urls = "http://127.0.0.1:0" });
        var files = ((IConfigurationRoot)app.Configuration).Providers.OfType<FileConfigurationProvider>().ToList();
        Assert.NotEmpty(files);   // appsettings.json and appsettings.{environment}.json, both optional
        Assert.All(files, f => Assert.False(f.Source.ReloadOnChange, $"{f.Source.Path} is watched for changes"));
    }
}
