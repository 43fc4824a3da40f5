using Kairos.Neural.AdDelivery;
using Kairos.PointProcesses;

namespace Kairos.Tests.Neural.AdDelivery;

/// <summary>Random users and parameters for the user model's tests: feedback of every mark (conversions with
/// values), opportunities each followed by a decision at the same time, a decision at a positive gap (a log
/// without opportunities), a tied timestamp, and a censored tail.</summary>
internal static class AdFixtures
{
    public static AdUserSequence RandomUser(AdModelLayout layout, Random rng, int events, string name = "u")
    {
        var list = new List<Event>();
        double t = 0;
        while (list.Count < events)
        {
            t += -Math.Log(1 - rng.NextDouble()) * 0.7;
            double r = rng.NextDouble();
            if (r < 0.35)
            {
                list.Add(new Event(t, EventKind.Opportunity));
                list.Add(new Event(t, EventKind.Action, rng.Next(layout.Ads + 1)));
            }
            else if (r < 0.4) list.Add(new Event(t, EventKind.Action, 1 + rng.Next(layout.Ads)));
            else
            {
                int mark = rng.Next(layout.FeedbackMarks);
                double? value = mark == layout.FeedbackMarks - 1 ? 5 + 10 * rng.NextDouble() : null;
                list.Add(new Event(t, EventKind.Feedback, mark, value));
                if (r > 0.95) list.Add(new Event(t, EventKind.Feedback, 0));   // tie: scored at the minimum gap
            }
        }
        return new AdUserSequence(name, list, t + 1.3, layout);
    }

    public static double[] RandomTheta(AdModelLayout layout, Random rng, double scale = 0.3)
    {
        var theta = new double[layout.Length];
        for (int i = 0; i < theta.Length; i++) theta[i] = scale * (2 * rng.NextDouble() - 1);
        return theta;
    }
}
