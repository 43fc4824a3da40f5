using Kairos.Decisions;

namespace Kairos.Tests.Decisions;

public class PolicySnapshotCodecTests
{
    private static readonly PolicySnapshot Sample = new("tpprl", 3, "0123456789abcdef", ulong.MaxValue - 5, 1L << 40,
        [0.1, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, double.Epsilon, 1e308, Math.PI], [0, -1, long.MaxValue]);

    [Fact]
    public void Json_RoundTrip_IsBitIdenticalIncludingNonFiniteReals()
    {
        var back = PolicySnapshotJson.Read(PolicySnapshotJson.Write(Sample));
        Assert.Equal(Sample, back);
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(back.Reals[1]));
        Assert.Contains("\"format\":\"kairos.policy-state\"", PolicySnapshotJson.Write(Sample));
    }

    [Fact]
    public void Binary_RoundTrip_IsBitIdentical()
    {
        Assert.Equal(Sample, PolicySnapshotBinary.Read(PolicySnapshotBinary.Write(Sample)));
    }

    [Fact]
    public void Equality_SeesASingleChangedBit()
    {
        var changed = Sample with { Reals = [.. Sample.Reals.Take(7), BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(Math.PI) ^ 1)] };
        Assert.NotEqual(Sample, changed);
        Assert.NotEqual(Sample, Sample with { RandomIndex = Sample.RandomIndex + 1 });
    }

    [Theory]
    [InlineData("{\"format\":\"other\"}", "'format'")]
    [InlineData("[1,2]", "JSON object")]
    [InlineData("{\"format\":\"kairos.policy-state\",\"policy\":\"x\",\"version\":1,\"parameters\":\"h\"}", "'random'")]
    [InlineData("{\"format\":\"kairos.policy-state\",\"policy\":\"x\",\"version\":\"1\",\"parameters\":\"h\",\"random\":{\"key\":\"00\",\"index\":0},\"reals\":[],\"integers\":[]}", "'version'")]
    [InlineData("not json", "not valid JSON")]
    public void Json_Malformed_IsAFormatErrorNamingTheField(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => PolicySnapshotJson.Read(text));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Binary_TruncatedOrForeign_IsAFormatError()
    {
        var bytes = PolicySnapshotBinary.Write(Sample);
        Assert.Contains("truncated", Assert.Throws<FormatException>(() => PolicySnapshotBinary.Read(bytes.AsSpan(0, bytes.Length - 3))).Message);
        Assert.Contains("magic", Assert.Throws<FormatException>(() => PolicySnapshotBinary.Read("{}"u8)).Message);
        Assert.Contains("trailing", Assert.Throws<FormatException>(() => PolicySnapshotBinary.Read([.. bytes, 0])).Message);
    }
}
