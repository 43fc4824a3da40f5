using System.Globalization;

namespace Kairos.Decisions;

/// <summary>
/// A choice policy's answer at an opportunity: no action (<see cref="Mark"/> = <see cref="NoAction"/>) or act with
/// mark k ∈ [0, marks), with <see cref="Probability"/> the probability the policy's law gave this decision (the
/// propensity that REINFORCE differentiates and that off-policy logs record).
/// </summary>
public readonly record struct Decision(int Mark, double Probability)
{
    public const int NoAction = -1;

    public bool Acts => Mark != NoAction;

    public static Decision None(double probability) => new(NoAction, probability);
    public static Decision Act(int mark, double probability) => new(mark, probability);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Acts ? $"act({Mark})" : "none")} p={Probability:G6}");
}
