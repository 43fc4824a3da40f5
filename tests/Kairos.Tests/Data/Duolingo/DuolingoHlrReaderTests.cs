using Kairos.Data.Duolingo;
using Kairos.Environments.SpacedRepetition;
using Kairos.Models.SpacedRepetition;

namespace Kairos.Tests.Data.Duolingo;

public sealed class DuolingoHlrReaderTests
{
    private const string Header =
        "p_recall,timestamp,delta,user_id,learning_language,ui_language,lexeme_id,lexeme_string,history_seen,history_correct,session_seen,session_correct";

    // The first rows of the public file's README example format.
    private const string Row = "1.0,1362076081,27649635,u:FO,de,en,76390c1350a8dac31186187e2fe1e178,lernt/lernen<vblex><pri><p3><sg>,6,4,2,2";

    private static List<DuolingoRecord> Parse(string text) =>
        DuolingoHlrReader.Read(new StringReader(text), "log.csv").ToList();

    [Fact]
    public void Read_PublicFormatRow_ParsesEveryColumn()
    {
        var r = Assert.Single(Parse(Header + "\n" + Row + "\n"));
        Assert.Equal(1.0, r.PRecall);
        Assert.Equal(1362076081, r.Timestamp);
        Assert.Equal(27649635, r.DeltaSeconds);
        Assert.Equal(27649635 / 86400.0, r.DeltaDays, 15);
        Assert.Equal("u:FO", r.UserId);
        Assert.Equal("de", r.LearningLanguage);
        Assert.Equal("en", r.UiLanguage);
        Assert.Equal("lernt/lernen<vblex><pri><p3><sg>", r.LexemeString);
        Assert.Equal((6, 4, 2, 2), (r.HistorySeen, r.HistoryCorrect, r.SessionSeen, r.SessionCorrect));
        Assert.Equal(2, r.HistoryWrong);
        Assert.Equal("de:lernt/lernen<vblex><pri><p3><sg>", r.LexemeLabel);
        Assert.Equal(2, r.LineNumber);
    }

    [Fact]
    public void Read_ReorderedColumnsAndQuotedField_MapsByName()
    {
        string text = "session_correct,session_seen,history_correct,history_seen,lexeme_string,lexeme_id,ui_language," +
                      "learning_language,user_id,delta,timestamp,p_recall,extra\n" +
                      "1,2,0,1,\"a,b\",id1,en,fr,u1,60,100,0.5,zzz\n";
        var r = Assert.Single(Parse(text));
        Assert.Equal("a,b", r.LexemeString);
        Assert.Equal((1, 0, 2, 1), (r.HistorySeen, r.HistoryCorrect, r.SessionSeen, r.SessionCorrect));
        Assert.Equal(0.5, r.PRecall);
    }

    [Theory]
    [InlineData("x,1362076081,27649635,u,de,en,id,lex,6,4,2,2", "log.csv:3: column 'p_recall' is 'x'")]
    [InlineData("1.5,1362076081,27649635,u,de,en,id,lex,6,4,2,2", "log.csv:3: column 'p_recall' is '1.5'")]
    [InlineData("1,1362076081,-5,u,de,en,id,lex,6,4,2,2", "log.csv:3: column 'delta' is '-5'")]
    [InlineData("1,1362076081,5,u,de,en,id,lex,6,7,2,2", "log.csv:3: column 'history_correct' is '7'")]
    [InlineData("1,1362076081,5,u,de,en,id,lex,6,4,2,3", "log.csv:3: column 'session_correct' is '3'")]
    [InlineData("1,1362076081,5,u,de,en,id,lex,6,4", "log.csv:3: expected at least 12 fields, found 10")]
    public void Read_BadRow_ThrowsWithFileLineAndColumn(string bad, string expected)
    {
        var e = Assert.Throws<UserInputException>(() => Parse(Header + "\n" + Row + "\n" + bad + "\n"));
        Assert.StartsWith(expected, e.Message);
    }

    [Fact]
    public void Read_HeaderMissingColumns_ListsThem()
    {
        var e = Assert.Throws<UserInputException>(() => Parse("p_recall,timestamp,delta\n"));
        Assert.Contains("log.csv:1: header lacks column(s) user_id, learning_language", e.Message);
    }

    [Fact]
    public void Read_IsLazy_RecordsBeforeABadLineAreDelivered()
    {
        var records = DuolingoHlrReader.Read(new StringReader(Header + "\n" + Row + "\n" + Row + "\nbad\n"), "log.csv");
        Assert.Equal(2, records.Take(2).Count());
    }

    [Fact]
    public void WriteThenRead_SyntheticLog_RoundTripsExactly()
    {
        var truth = new StudentModel(0.1, 0.2, [0.5, 1.5, 3.0]);
        var original = DuolingoSyntheticLog.Generate(truth, 5, 2, 4, new Random(3)).ToList();
        var path = Path.Combine(Path.GetTempPath(), $"kairos-hlr-{Guid.NewGuid():N}.csv");
        try
        {
            DuolingoHlrWriter.WriteFile(path, original);
            var progress = new RecordingSink();
            var back = DuolingoHlrReader.ReadFile(path, progress).ToList();
            Assert.Equal(original.Select(r => r with { LineNumber = 0 }), back.Select(r => r with { LineNumber = 0 }));
            Assert.Equal(new FileInfo(path).Length, progress.Last);
            var bytes = File.ReadAllBytes(path);
            DuolingoHlrWriter.WriteFile(path, back);
            Assert.Equal(bytes, File.ReadAllBytes(path));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void ReadFile_Missing_ThrowsUserInput()
    {
        var e = Assert.Throws<UserInputException>(() => DuolingoHlrReader.ReadFile("/nonexistent/log.csv"));
        Assert.Contains("/nonexistent/log.csv", e.Message);
    }

    private sealed class RecordingSink : IProgressSink
    {
        public double Last { get; private set; }
        public void Report(double done, string? status = null) => Last = done;
    }
}
