using System.Diagnostics;
using Kairos.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kairos.Server;

/// <summary>Composes the decision service: store, policies, engine, metrics, routes. `kairos serve` and the tests
/// start the same application.</summary>
public static class KairosServer
{
    /// <param name="host">Adds to the composition before the app is built (Kairos.Orleans co-hosts a silo and
    /// replaces <see cref="IDecisionService"/> with its grains).</param>
    public static WebApplication Build(ServerOptions options, Action<WebApplicationBuilder>? host = null)
    {
        AdminRoutes.EnsureSafeBinding(options);
        var served = options.PolicyFile is null
            ? PolicyFiles.Default(PolicyCatalog.DefaultName, options.Seed)
            : PolicyFiles.Load(options.PolicyFile, PolicyCatalog.DefaultName, options.Seed);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [NoConfigReload] });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxBodyBytes);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter(HostingDiagnostics, LogLevel.None);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<UnavailableExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(j => j.SerializerOptions.TypeInfoResolverChain.Insert(0, ServerJson.Default));
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new ServerMetrics());
        builder.Services.AddSingleton(new RecentRequests(options.Clock));
        builder.Services.AddSingleton(new Readiness());
        builder.Services.AddSingleton(_ => UserStores.Open(options.Store, options.WalLimit));
        builder.Services.AddSingleton(sp => new DecisionEngine(sp.GetRequiredService<IUserStateStore>(), new PolicyCatalog([served]), options.Engine));
        builder.Services.AddSingleton<IDecisionService>(sp => sp.GetRequiredService<DecisionEngine>());
        if (options.EmitActions)
        {
            builder.Services.AddSingleton<ActionScheduler>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<ActionScheduler>());
        }
        host?.Invoke(builder);
        var app = builder.Build();
        var readiness = app.Services.GetRequiredService<Readiness>();
        app.Lifetime.ApplicationStarted.Register(readiness.Started);
        app.Lifetime.ApplicationStopping.Register(readiness.Stopping);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        var metrics = app.Services.GetRequiredService<ServerMetrics>();
        var recent = app.Services.GetRequiredService<RecentRequests>();
        app.Use((context, next) => Measure(context, next, metrics, recent));
        app.Use(RetryAfterOnUnavailable);
        app.MapOpenApi();
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }));
        app.MapGet("/health/ready", (Readiness r) => r.Reason is { } why
            ? Results.Json(new { status = "not ready", reason = why }, statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Ok(new { status = "ready" }));
        app.MapGet("/metrics", (HttpContext c, ServerMetrics m, DecisionEngine e) => m.WriteAsync(e, c.Response));
        ServingRoutes.Map(app);
        ActionRoutes.Map(app);
        AdminRoutes.Map(app);
        DashboardRoutes.Map(app);
        app.Services.GetRequiredService<DecisionEngine>();   // open the store now, not on the first request
        return app;
    }

    /// <summary>The server is configured by its flags, never by appsettings files: without this the host watches its
    /// content root (the working directory, where `kairos.db` and its WAL usually are) for changes to them, and every
    /// commit wakes a watcher thread (6 % of the server's CPU in a profile at 4,000 requests/s).</summary>
    internal const string NoConfigReload = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>The host's per-request logger. With any level enabled it starts an <see cref="Activity"/> (a random
    /// trace id) and a log scope for every request, which nothing here reads: 3–4 % of the server's allocations.</summary>
    internal const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>Every 503 tells the client when to retry.</summary>
    private static Task RetryAfterOnUnavailable(HttpContext context, RequestDelegate next)
    {
        context.Response.OnStarting(SetRetryAfter, context.Response);
        return next(context);
    }

    private static readonly Func<object, Task> SetRetryAfter = state =>
    {
        var response = (HttpResponse)state;
        if (response.StatusCode == StatusCodes.Status503ServiceUnavailable)
            response.Headers.RetryAfter = RetryAfterText;
        return Task.CompletedTask;
    };

    private static readonly string RetryAfterText = ServingUnavailableException.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task Measure(HttpContext context, RequestDelegate next, ServerMetrics metrics, RecentRequests recent)
    {
        var timing = RequestTiming.Start();
        var paused = GC.GetTotalPauseDuration();
        long start = Stopwatch.GetTimestamp();
        try { await next(context); }
        finally
        {
            string route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            metrics.Record(route, context.Response.StatusCode, seconds);
            if (DashboardRoutes.IsServing(route))
            {
                metrics.Parts.Record(seconds, timing, (GC.GetTotalPauseDuration() - paused).TotalSeconds);
                recent.Record(seconds, context.Request.RouteValues["id"] as string);
            }
        }
    }
}
