using Kairos.Environments.Broadcasting;

namespace Kairos.Tests.Environments.Broadcasting;

public sealed class BroadcastLogReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kairos-bcast").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    private string File(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Read_KeepsTheFollowersSourcesAndDropsOurOwnPosts()
    {
        var posts = File("posts.csv", "time,source\n" + string.Join("\n", Enumerable.Range(0, 30).Select(i => $"{i},{(i % 3 == 0 ? "me" : i % 3 == 1 ? "a" : "b")}")) + "\n5.5,stranger\n");
        var follows = File("follows.csv", "follower,followee\nf1,me\nf1,a\nf2,me\nf2,b\nf2,a\nx,stranger\n");
        var w = BroadcastLogReader.Read(posts, follows, "me", windowPosts: 5);
        Assert.Equal(2, w.FollowerCount);
        Assert.Equal(2, w.SourceCount);
        Assert.Equal(20, w.PostTimes.Length);   // 10 of a, 10 of b; ours and the stranger's dropped
        Assert.Equal([1.0], w.FollowerSources[0].Select(s => w.SourceActivity[s]).Select(x => x / 10));
    }

    [Fact]
    public void Errors_NameTheFileAndLine()
    {
        var follows = File("follows.csv", "follower,followee\nf1,me\nf1,a\n");
        var bad = File("posts.csv", "source,time\na,1\na,abc\n");
        var e = Assert.Throws<UserInputException>(() => BroadcastLogReader.Read(bad, follows, "me", 1));
        Assert.Contains("posts.csv:3", e.Message);
        var header = File("posts2.csv", "who,when\n");
        Assert.Contains("posts2.csv:1", Assert.Throws<UserInputException>(() => BroadcastLogReader.Read(header, follows, "me", 1)).Message);
        var nobody = Assert.Throws<UserInputException>(() => BroadcastLogReader.Read(bad, follows, "ghost", 1));
        Assert.Contains("--broadcaster ghost", nobody.Message);
        var fields = File("follows2.csv", "follower,followee\nf1\n");
        Assert.Contains("follows2.csv:2", Assert.Throws<UserInputException>(() => BroadcastLogReader.Read(bad, fields, "me", 1)).Message);
    }
}
