using System.Net;
using System.Text;
using Kairos.Server;

namespace Kairos.Tests.Serving;

/// <summary>Thousands of malformed bodies, paths and headers: every answer is 4xx, the server stays up and the
/// store's content (every table's rows, and the schema) does not change.</summary>
public class FuzzTests
{
    private const string Valid = """{"events":[{"id":"e1","time":1.5,"kind":"feedback","mark":0,"value":1.0}]}""";

    private static readonly string[] BadFragments =
    [
        """{"time":-1,"kind":"feedback"}""", """{"time":"1","kind":"feedback"}""", """{"time":1e999,"kind":"feedback"}""",
        """{"time":1,"kind":"visit"}""", """{"time":1,"kind":3}""", """{"time":1}""", """{"kind":"feedback"}""",
        """{"time":1,"kind":"feedback","mark":-3}""", """{"time":1,"kind":"feedback","mark":1.5}""", """{"time":1,"kind":"action","mark":99}""",
        """{"time":1,"kind":"feedback","value":"x"}""", """{"time":1,"kind":"feedback","id":5}""", """{"time":1,"kind":"feedback","id":""}""",
        """{"time":1,"kind":"feedback","extra":null}""", "[]", "null", "7",
    ];

    private static (HttpMethod, string, HttpContent?) Case(Random rng)
    {
        string user = rng.Next(3) == 0 ? new string('u', 129 + rng.Next(50)) : $"fuzz{rng.Next(5)}";
        string Body()
        {
            switch (rng.Next(7))
            {
                case 0: return Valid[..rng.Next(Valid.Length)];                                          // truncated
                case 1: { var b = new byte[rng.Next(1, 64)]; rng.NextBytes(b); return Encoding.Latin1.GetString(b); }
                case 2: return $$"""{"events":[{{BadFragments[rng.Next(BadFragments.Length)]}}]}""";
                case 3: return $$"""{"events":[{"time":1,"kind":"feedback"},{{BadFragments[rng.Next(BadFragments.Length)]}}]}""";
                case 4: return $$"""{"events":[{"id":"{{new string('i', 129 + rng.Next(100))}}","time":1,"kind":"feedback"}]}""";
                case 5: return $$"""{"events":[{"time":1,"kind":"feedback"}],"{{(char)('a' + rng.Next(26))}}":1}""";
                default: return new string('[', rng.Next(20, 200));
            }
        }
        return rng.Next(10) switch
        {
            < 5 => (HttpMethod.Post, $"/v1/users/{user}/events", Content(Body(), rng)),
            5 => (HttpMethod.Post, $"/v1/users/{user}/opportunity", Content(rng.Next(2) == 0 ? Body() : """{"id":"o","time":-5}""", rng)),
            6 => (HttpMethod.Post, "/v1/users/u/events", Content("{\"events\":[" + string.Join(',', Enumerable.Repeat("{\"time\":1,\"kind\":\"feedback\"}", 3000)) + "]}", rng)),
            7 => (HttpMethod.Delete, $"/v1/users/{user}/events", null),
            8 => (HttpMethod.Post, $"/v1/{Uri.EscapeDataString(Body())}/x", Content(Valid, rng)),
            _ => (HttpMethod.Put, $"/v1/users/{user}/opportunity", Content(Valid, rng)),
        };
    }

    private static HttpContent Content(string body, Random rng)
    {
        var c = new StringContent(body, Encoding.UTF8);
        c.Headers.ContentType = rng.Next(3) switch
        {
            0 => new("application/json"),
            1 => new("text/plain"),
            _ => null,
        };
        return c;
    }

    [Theory]
    [MemberData(nameof(TestStores.Durable), MemberType = typeof(TestStores))]
    public async Task Malformed_requests_get_4xx_the_server_stays_up_and_the_store_is_unchanged(string kind)
    {
        string spec = TestStores.NewSpec(kind);
        string? db = kind == TestStores.Sqlite ? spec["sqlite:".Length..] : null;
        await using var server = await LiveServer.StartAsync(new ServerOptions { Store = spec, MaxBodyBytes = 16384, Engine = new() { MaxBatch = 100 } });
        var c = server.Client;
        Assert.Equal(HttpStatusCode.OK, (await c.PostAsync("/v1/users/fuzz0/events", LiveServer.Json(Valid))).StatusCode);
        string? before = db is null ? null : SqliteContents.Dump(db);
        string rowsBefore = await StoredRows(spec);
        Assert.Contains("fuzz0", rowsBefore);

        var rng = new Random(2024);
        var statuses = new Dictionary<int, int>();
        for (int i = 0; i < 2500; i++)
        {
            var (method, path, content) = Case(rng);
            using var request = new HttpRequestMessage(method, path) { Content = content };
            if (rng.Next(4) == 0) request.Headers.TryAddWithoutValidation("X-Fuzz-" + rng.Next(100), new string('h', rng.Next(1, 2000)));
            long length = content is null ? 0 : (await content.ReadAsByteArrayAsync()).Length;
            HttpResponseMessage response;
            // An oversized body goes on its own connection: the server may close it after answering 413.
            using var oversized = length > 16384 ? new HttpClient { BaseAddress = c.BaseAddress } : null;
            try { response = await (oversized ?? c).SendAsync(request); }
            catch (HttpRequestException) when (length > 16384)
            {
                // The server answers 413 without reading an oversized body and may close the connection while the
                // client is still sending it; the client then sees a reset instead of the answer.
                statuses[413] = statuses.GetValueOrDefault(413) + 1;
                continue;
            }
            catch (HttpRequestException e) { throw new InvalidOperationException($"{method} {path[..Math.Min(path.Length, 80)]} ({length} bytes) failed: {e.InnerException?.Message}", e); }
            using var _ = response;
            int status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.True(status is >= 400 and < 500, $"{method} {path[..Math.Min(path.Length, 80)]} answered {status}: {await response.Content.ReadAsStringAsync()}");
        }
        Assert.True(statuses.Count >= 4, string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/health")).StatusCode);
        Assert.Equal(rowsBefore, await StoredRows(spec));
        if (db is not null) Assert.Equal(before, SqliteContents.Dump(db));   // snapshots and outbox too, not only the records
    }

    /// <summary>Every stored record of the default policy, one line each, as the store reads them back.</summary>
    private static async Task<string> StoredRows(string spec) =>
        string.Join('\n', (await TestStores.ReadAll(spec, "default")).Select(r => $"{r.User} {r.Record with { Feedback = null, Context = null }} " +
            $"{string.Join(',', r.Record.Feedback ?? [])} {string.Join(',', r.Record.Context ?? [])}"));
}
