using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kairos.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Tests.Serving;

/// <summary>The real application on Kestrel at 127.0.0.1 on a free port, with a client.</summary>
public sealed class LiveServer : IAsyncDisposable
{
    private LiveServer(WebApplication app, HttpClient client) => (App, Client) = (app, client);

    public WebApplication App { get; }
    public HttpClient Client { get; }

    public static async Task<LiveServer> StartAsync(ServerOptions options, Action<WebApplicationBuilder>? host = null)
    {
        var app = KairosServer.Build(options with { Urls = "http://127.0.0.1:0" }, host);
        await app.StartAsync();
        string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LiveServer(app, new HttpClient { BaseAddress = new Uri(url) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static string BaselineFile(string kind, string parameter, double value, int marks = 3)
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("kairos-policy-").FullName, "policy.json");
        File.WriteAllText(path, $$"""{"format":"kairos.baseline-policy","kind":"{{kind}}","{{parameter}}":{{value}},"marks":{{marks}}}""");
        return path;
    }
}

/// <summary>HTTP calls of the serving tests, answers as JSON.</summary>
public static class Http
{
    public static async Task<(int Status, JsonElement Body)> Send(HttpClient client, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = LiveServer.Json(json);
        using var response = await client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static Task<(int, JsonElement)> Post(HttpClient c, string path, string json) => Send(c, HttpMethod.Post, path, json);
    public static Task<(int, JsonElement)> Get(HttpClient c, string path) => Send(c, HttpMethod.Get, path);

    public static string Events(params (string Id, double Time)[] events) =>
        JsonSerializer.Serialize(new { events = events.Select(e => new { id = e.Id, time = e.Time, kind = "feedback", mark = 0, value = 1.0 }) });
}
