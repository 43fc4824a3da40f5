using System.CommandLine;
using Kairos.Cli;

namespace Kairos.Tests.Cli;

/// <summary>Every numeric option of every verb, found by walking the command tree (so a new option is covered without
/// editing this test), parses the invariant way: a comma is an error naming the flag, a decimal point and an exponent
/// are accepted.</summary>
public sealed class NumericOptionTests
{
    public static TheoryData<string, string, bool> NumericOptions()
    {
        var data = new TheoryData<string, string, bool>();
        var root = KairosCli.Build(new CliIO(TextWriter.Null, TextWriter.Null, interactive: false));
        foreach (var (path, command) in CommandTree.Walk(root))
            foreach (var option in command.Options.Where(o => CliNumbers.IsNumeric(o.ValueType)))
            {
                var t = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
                data.Add(path, option.Name, t == typeof(double));
            }
        return data;
    }

    [Fact]
    public void TheTreeHasTheNumericOptionsTheIssueNames()
    {
        var names = NumericOptions().Select(row => $"{row[0]} {row[1]}").ToList();
        Assert.Contains("sample --horizon", names);
        Assert.Contains("train --lr", names);
        Assert.Contains("evaluate --budget", names);
        Assert.Contains("pomdp solve --epsilon", names);
        Assert.True(names.Count >= 25, string.Join(", ", names));
    }

    [Theory]
    [MemberData(nameof(NumericOptions))]
    public void Comma_IsAnErrorNamingTheFlag(string verb, string flag, bool real)
    {
        foreach (var text in new[] { "1000,5", "0,05", "1,000" })
        {
            var r = CliRunner.Run([.. verb.Split(' '), flag, text]);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains($"error: {flag}: '{text}' is not {(real ? "a number" : "an integer")}: commas are not allowed", r.Stderr);
        }
    }

    [Theory]
    [MemberData(nameof(NumericOptions))]
    public void InvariantNumbers_ParseToTheirValue(string verb, string flag, bool real)
    {
        var root = KairosCli.Build(new CliIO(TextWriter.Null, TextWriter.Null, interactive: false));
        foreach (var (text, expected) in real
                     ? new[] { ("2.5", 2.5), ("1e3", 1000.0), ("-0.25", -0.25), (" 7 ", 7.0) }
                     : [("12", 12.0), ("1e3", 1000.0), ("-1", -1.0)])
        {
            var parsed = root.Parse([.. verb.Split(' '), flag, text]);
            Assert.DoesNotContain(parsed.Errors, e => e.Message.Contains(flag, StringComparison.Ordinal));
            object? value = parsed.GetValue<object>(flag);
            Assert.Equal(expected, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData("train toy-counting --iterations 2.5", "--iterations: '2.5' is not a whole number")]
    [InlineData("train toy-counting --iterations 1e30", "--iterations: 1e30 is out of range")]
    [InlineData("train toy-counting --lr abc", "--lr: cannot read 'abc' as a number")]
    [InlineData("evaluate toy-counting --budget 9,74", "write 9.74 or 974, whichever you meant")]
    [InlineData("evaluate toy-counting --episodes 1,500", "--episodes: '1,500' is not an integer: commas are not allowed, not even as thousands separators; write 1500")]
    [InlineData("evaluate toy-counting --episodes 1,5,0", "write 150")]
    public void BadNumbers_SayWhatIsWrong(string commandLine, string fragment)
    {
        var r = CliRunner.Run(commandLine.Split(' '));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(fragment, r.Stderr);
    }
}
