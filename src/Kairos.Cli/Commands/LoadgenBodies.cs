using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Kairos.Cli.Commands;

/// <summary>Request bodies of `kairos loadgen`, written as UTF-8 straight into a reused per-thread buffer (one array
/// per request), so the generator spends its CPU on sending, not on formatting strings.</summary>
internal static class LoadgenBodies
{
    public static readonly MediaTypeHeaderValue Json = new("application/json");

    [ThreadStatic] private static ArrayBufferWriter<byte>? _buffer;
    [ThreadStatic] private static Utf8JsonWriter? _writer;

    /// <summary><c>{"events":[{"id":"RUN-i-j","time":t,"kind":"feedback","value":1}, …]}</c> with j = 0 … batch − 1.</summary>
    public static ByteArrayContent Events(string runId, long i, int batch, double time) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("events");
        for (int j = 0; j < batch; j++)
        {
            w.WriteStartObject();
            w.WriteString("id", $"{runId}-{i}-{j}");
            w.WriteNumber("time", time);
            w.WriteString("kind", "feedback");
            w.WriteNumber("value", 1);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary><c>{"id":"RUN-i","time":t}</c>.</summary>
    public static ByteArrayContent Opportunity(string runId, long i, double time) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", $"{runId}-{i}");
        w.WriteNumber("time", time);
        w.WriteEndObject();
    });

    private static ByteArrayContent Write(Action<Utf8JsonWriter> body)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        var writer = _writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        body(writer);
        writer.Flush();
        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = Json;
        return content;
    }
}
