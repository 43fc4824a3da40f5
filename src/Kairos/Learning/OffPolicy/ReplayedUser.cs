namespace Kairos.Learning.OffPolicy;

/// <summary>
/// One logged user replayed under an evaluation policy: the utility accrued before the first opportunity (R0), and per
/// logged decision k the utility accrued from it until the next opportunity (Reward[k]: its cost and the conversions
/// in between), the importance ratio π_e(a_k | h_k)/π_0(a_k | h_k) (Ratio[k]) and the evaluation policy's probability
/// of every decision there (Target[k], index 0 = none, k = ad k). After a decision the evaluation policy would never
/// take, the ratios are 0 and the replay stops (Target is null from there on: nothing after it is weighted).
/// </summary>
public sealed record ReplayedUser(double R0, double[] Reward, double[] Ratio, double[]?[] Target)
{
    public int Count => Reward.Length;
}
