using Kairos.Neural.AdDelivery;

namespace Kairos.Policies.AdDelivery;

/// <summary>
/// Acts when the predicted immediate uplift exceeds the cost: at an opportunity with state h it delivers the ad d
/// maximising U_d − U_0 − cost, where U_d is the expected conversion value of the next user event after decision d
/// (<see cref="AdUplift"/>), and delivers nothing when no ad's uplift exceeds the cost. Deterministic
/// (probability 1). Kind "ad-myopic" follows the MAP network; <see cref="AdThompsonPolicy"/> applies the same rule
/// to one posterior member drawn per user.
/// </summary>
public class AdMyopicPolicy(AdModel model, IReadOnlyList<double> costs, string? name = null, string kind = AdMyopicPolicy.KindName)
    : AdPolicy(model, costs, kind, name)
{
    public const string KindName = "ad-myopic";

    protected internal override void Probabilities(AdUserState user, Span<double> p)
    {
        p.Clear();
        p[BestDecision(user, Model.ConversionMark, Model.ValuedMarks[Model.ConversionMark], Costs)] = 1;
    }

    /// <summary>argmax_d (U_d − cost_d), cost_0 = 0; 0 on ties with "none".</summary>
    public static int BestDecision(AdUserState user, int conversionMark, bool valued, IReadOnlyList<double> costs)
    {
        var network = user.Network;
        var next = new AdUserState(network);
        AdUplift.AfterDecision(user, 0, next);
        double best = AdUplift.NextConversionValue(network, next.H, conversionMark, valued);
        int choice = 0;
        for (int d = 1; d <= network.Layout.Ads; d++)
        {
            AdUplift.AfterDecision(user, d, next);
            double u = AdUplift.NextConversionValue(network, next.H, conversionMark, valued) - costs[d - 1];
            if (u > best) (best, choice) = (u, d);
        }
        return choice;
    }
}
