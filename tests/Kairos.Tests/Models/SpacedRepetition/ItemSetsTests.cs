using Kairos.Models.SpacedRepetition;

namespace Kairos.Tests.Models.SpacedRepetition;

public sealed class ItemSetsTests
{
    [Fact]
    public void TpprlStudy_EmbeddedFile_Has50ItemsWithPublishedRange()
    {
        // Digest §5.1: min 0.327, median 1.046, mean 1.097, max 2.454 per day.
        var rates = ItemSets.TpprlStudy().OrderBy(v => v).ToArray();
        Assert.Equal(50, rates.Length);
        Assert.Equal(0.32710527, rates[0], 8);
        Assert.Equal(2.45442748, rates[^1], 8);
        Assert.Equal(1.046, 0.5 * (rates[24] + rates[25]), 3);
        Assert.Equal(1.097, rates.Average(), 3);
    }

    [Fact]
    public void DuolingoLexemes_Derived_MedianMatchesTpprlAndOrderFollowsWeights()
    {
        var lex = ItemSets.DuolingoLexemes;
        Assert.Equal(19279, lex.Count);
        var rates = lex.Select(l => l.InitialRate).OrderBy(v => v).ToArray();
        double median = rates.Length % 2 == 1 ? rates[rates.Length / 2] : 0.5 * (rates[rates.Length / 2 - 1] + rates[rates.Length / 2]);
        Assert.Equal(1.0463, median, 3);
        // A larger HLR weight means a longer half-life, hence a smaller forgetting rate: n ∝ 2^{−θ}.
        var a = lex[0];
        var b = lex.First(l => Math.Abs(l.Weight - a.Weight) > 0.1);
        Assert.Equal(Math.Pow(2, b.Weight - a.Weight), a.InitialRate / b.InitialRate, 10);
    }

    [Fact]
    public void SampleDuolingo_LanguageFilter_ReturnsDistinctLexemesOfThatLanguage()
    {
        var items = ItemSets.SampleDuolingo(50, new Random(3), "es");
        Assert.Equal(50, items.Count);
        Assert.Equal(50, items.Select(i => i.Label).Distinct().Count());
        Assert.All(items, i => Assert.StartsWith("es:", i.Label));
    }

    [Fact]
    public void SampleDuolingo_UnknownLanguage_ThrowsListingValid()
    {
        var e = Assert.Throws<ArgumentException>(() => ItemSets.SampleDuolingo(5, new Random(1), "xx"));
        Assert.Contains("de, en, es, fr, it, pt", e.Message);
    }
}
