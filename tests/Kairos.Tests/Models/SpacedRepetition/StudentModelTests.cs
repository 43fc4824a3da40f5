using Kairos.Models.SpacedRepetition;

namespace Kairos.Tests.Models.SpacedRepetition;

public sealed class StudentModelTests
{
    private static readonly StudentModel Model = new(0.049, 0.0052, [1.0, 0.5]);

    [Fact]
    public void UpdatedRate_Recalled_MultipliesByOneMinusAlpha()
    {
        // Given n = 1.3 When recalled Then n = 1.3 · 0.951 (TPPRL eq. 16)
        Assert.Equal(1.2363, Model.UpdatedRate(1.3, recalled: true), 14);
    }

    [Fact]
    public void UpdatedRate_Forgotten_MultipliesByOnePlusBeta()
    {
        Assert.Equal(1.30676, Model.UpdatedRate(1.3, recalled: false), 14);
    }

    [Theory]
    [InlineData(99.9, false, 100)]       // (1 + β)·99.9 = 100.42 clipped to 100
    [InlineData(1.01e-6, true, 1e-6)]    // 0.951·1.01e-6 clipped to 1e-6
    public void UpdatedRate_OutsideClipRange_IsClipped(double rate, bool recalled, double expected)
    {
        Assert.Equal(expected, Model.UpdatedRate(rate, recalled), 15);
    }

    [Theory]
    [InlineData(1.0, 0.0, 1.0)]
    [InlineData(1.0, 1.0, 0.36787944117144233)]     // e^{-1}
    [InlineData(0.5, 3.0, 0.22313016014842982)]     // e^{-1.5}
    public void RecallProbability_KnownValues_MatchExponential(double rate, double elapsed, double expected)
    {
        Assert.Equal(expected, StudentModel.RecallProbability(rate, elapsed), 15);
    }

    [Fact]
    public void ItemMemory_ReviewSequence_TracksRateAndLastReview()
    {
        // Given a fresh student (all items reviewed at t = 0)
        var memory = Model.NewMemory();
        Assert.Equal(Math.Exp(-2.0), memory.RecallProbability(0, 2.0), 15);
        // When item 0 is recalled at t = 2 and forgotten at t = 3
        memory.Review(0, 2.0, recalled: true);
        memory.Review(0, 3.0, recalled: false);
        // Then n_0 = 0.951 · 1.0052 and m_0(4) = exp(−n_0 · 1); item 1 is untouched
        double n = 0.951 * 1.0052;
        Assert.Equal(n, memory.Rate(0), 14);
        Assert.Equal(3.0, memory.LastReview(0));
        Assert.Equal(Math.Exp(-n), memory.RecallProbability(0, 4.0), 14);
        Assert.Equal(0.5, memory.Rate(1));
    }

    [Theory]
    [InlineData(-0.1, 0.1)]
    [InlineData(1.0, 0.1)]
    [InlineData(double.NaN, 0.1)]
    [InlineData(0.1, -0.1)]
    [InlineData(0.1, double.PositiveInfinity)]
    public void Constructor_BadAlphaOrBeta_Throws(double alpha, double beta)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StudentModel(alpha, beta, [1.0]));
    }

    [Fact]
    public void Constructor_RateOutsideClipRange_ThrowsNamingItem()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new StudentModel(0.1, 0.1, [1.0, 0.0]));
        Assert.Contains("initialRates[1]", e.Message);
    }

    [Fact]
    public void Tpprl_Defaults_MatchStudy()
    {
        var m = StudentModel.Tpprl();
        Assert.Equal(0.049, m.Alpha);
        Assert.Equal(0.0052, m.Beta);
        Assert.Equal(50, m.ItemCount);
    }
}
