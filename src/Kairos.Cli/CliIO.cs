using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Kairos.Cli;

/// <summary>The CLI's streams: stdout carries only the result (a table or one JSON document), stderr carries
/// progress, warnings and logs. Injected so that tests run the CLI in process.</summary>
public sealed class CliIO
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public CliIO(TextWriter output, TextWriter error, bool interactive)
    {
        Out = output;
        Err = error;
        Interactive = interactive;
    }

    public TextWriter Out { get; }
    public TextWriter Err { get; }
    /// <summary>True when stderr is a terminal: progress bars are drawn only then.</summary>
    public bool Interactive { get; }
    /// <summary>The clock that times measured runs (<see cref="WithMeasuredProgress{T}"/>); tests give a manual one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The bar goes to stderr, so only a redirected stderr turns it into plain milestone lines (no control
    /// characters in logs); `kairos … > out.txt` still shows the bar on the terminal.</summary>
    public static CliIO FromConsole() =>
        new(Console.Out, Console.Error, DrawsBar(Console.IsOutputRedirected, Console.IsErrorRedirected));

    /// <summary>Whether the progress bar is drawn: it goes to stderr, so only stderr's redirection matters.</summary>
    public static bool DrawsBar(bool stdoutRedirected, bool stderrRedirected) => !stderrRedirected;

    /// <summary>Writes one JSON document on stdout.</summary>
    public void WriteJson<T>(T document) => Out.WriteLine(JsonSerializer.Serialize(document, Json));

    public void Warn(string message) => Err.WriteLine($"warning: {message}");
    public void Info(string message) => Err.WriteLine(message);

    /// <summary>A Spectre console bound to stdout for tables (plain text when not interactive).</summary>
    public IAnsiConsole Table()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // Redirected output has no terminal width; Spectre would assume 80 columns and wrap every cell.
        if (!Interactive) console.Profile.Width = 160;
        return console;
    }

    /// <summary><see cref="WithProgress{T}"/> whose first seconds of work time the rest (<see cref="MeasuredWork"/>): a
    /// run projected beyond a day is refused naming <paramref name="setting"/> (e.g. "--episodes 1000000") with the
    /// estimate; a long one says how long it will take. Quiet runs (--json) are measured too.</summary>
    public T WithMeasuredProgress<T>(string description, double total, bool quiet, string setting, string unit, Func<IProgressSink, T> work) =>
        WithProgress(description, total, quiet, progress => work(new MeasuredWork(progress, this, setting, total, unit, Clock)));

    /// <summary>Runs <paramref name="work"/> with a progress bar on stderr when interactive and not
    /// <paramref name="quiet"/> (e.g. --json); otherwise with milestone lines (every 10%) on stderr, or silently
    /// when quiet.</summary>
    public T WithProgress<T>(string description, double total, bool quiet, Func<IProgressSink, T> work)
    {
        if (quiet) return work(new NullProgress());
        if (!Interactive) return work(new MilestoneProgress(Err, description, total));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Err) });
        T result = default!;
        console.Progress().AutoClear(true).HideCompleted(true).Columns(
            new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
            new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(description), maxValue: Math.Max(total, 1e-12));
                result = work(new SpectreProgress(task));
                task.Value = task.MaxValue;
            });
        return result;
    }

    private sealed class NullProgress : IProgressSink
    {
        public void Report(double done, string? status = null) { }
    }

    private sealed class SpectreProgress(ProgressTask task) : IProgressSink
    {
        private readonly string _base = task.Description;
        public void Report(double done, string? status = null)
        {
            task.Value = Math.Min(done, task.MaxValue);
            if (status is not null) task.Description = $"{_base} [grey]{Markup.Escape(status)}[/]";
        }
    }

    private sealed class MilestoneProgress(TextWriter err, string description, double total) : IProgressSink
    {
        private int _lastDecile = -1;
        public void Report(double done, string? status = null)
        {
            int decile = total <= 0 ? 10 : (int)Math.Floor(10 * Math.Min(done / total, 1));
            if (decile <= _lastDecile) return;
            _lastDecile = decile;
            err.WriteLine($"{description}: {decile * 10}%{(status is null ? "" : " " + status)}");
        }
    }
}
