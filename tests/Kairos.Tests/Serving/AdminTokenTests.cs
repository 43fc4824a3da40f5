using Kairos.Server;
using static Kairos.Tests.Serving.Http;

namespace Kairos.Tests.Serving;

/// <summary>With a token, the admin routes answer 401 to a missing or wrong bearer token and change nothing.</summary>
public class AdminTokenTests
{
    private const string Policy = """{"format":"kairos.baseline-policy","kind":"random-choice","actProbability":1,"marks":3}""";

    private static async Task<int> Send(HttpClient c, HttpMethod method, string path, string? authorization, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = LiveServer.Json(json);
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await c.SendAsync(request);
        return (int)response.StatusCode;
    }

    [Fact]
    public async Task Admin_routes_refuse_a_missing_or_wrong_token_and_accept_the_right_one()
    {
        await using var server = await LiveServer.StartAsync(new ServerOptions { Store = "memory", AdminToken = "s3cret-token" });
        var c = server.Client;
        var (_, before) = await Post(c, "/v1/users/a/opportunity", """{"id":"o1","time":1}""");
        foreach (var auth in new[] { null, "", "Bearer wrong", "Bearer s3cret-toke", "Bearer s3cret-token2", "bearer s3cret-token", "Basic s3cret-token", "s3cret-token" })
        {
            Assert.Equal(401, await Send(c, HttpMethod.Put, "/v1/admin/policies/default", auth, Policy));
            Assert.Equal(401, await Send(c, HttpMethod.Get, "/v1/admin/policies/default/log", auth));
        }
        var (_, unchanged) = await Post(c, "/v1/users/a/opportunity", """{"id":"o2","time":2}""");
        Assert.Equal(before.GetProperty("policyVersion").GetString(), unchanged.GetProperty("policyVersion").GetString());
        Assert.Equal(200, await Send(c, HttpMethod.Get, "/v1/admin/policies/default/log", "Bearer s3cret-token"));
        Assert.Equal(200, await Send(c, HttpMethod.Put, "/v1/admin/policies/default", "Bearer s3cret-token", Policy));
        var (_, swapped) = await Post(c, "/v1/users/a/opportunity", """{"id":"o3","time":3}""");
        Assert.NotEqual(before.GetProperty("policyVersion").GetString(), swapped.GetProperty("policyVersion").GetString());
    }
}
