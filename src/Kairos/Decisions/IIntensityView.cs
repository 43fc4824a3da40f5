namespace Kairos.Decisions;

/// <summary>
/// A timing state that can show its action intensity: λ(t) of its planned-action process at a time t at or after the
/// last observed event, assuming no further event arrives before t. Used to draw a user's intensity curve (the
/// dashboard); decisions never need it.
/// </summary>
public interface IIntensityView
{
    double Intensity(double time);
}
