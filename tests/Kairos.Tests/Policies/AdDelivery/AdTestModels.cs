using Kairos.Neural.AdDelivery;
using Kairos.Tests.Neural.AdDelivery;

namespace Kairos.Tests.Policies.AdDelivery;

/// <summary>A small random user model (H = 4, 3 feedback marks, 2 ads, exposure inputs at 1, 4, 16 unless
/// <paramref name="exposure"/> is false) with a MAP network and two members.</summary>
internal static class AdTestModels
{
    public static AdModel Small(int seed = 11, bool exposure = true)
    {
        var layout = new AdModelLayout(4, 3, 2, exposure ? AdModelLayout.DefaultExposureDecays : null);
        var rng = new Random(seed);
        AdNetwork Net() => new(layout, 1.0, AdFixtures.RandomTheta(layout, rng, 0.8));
        return new AdModel(Net(), [Net(), Net()], [false, false, true], 2, "units", 20);
    }
}
